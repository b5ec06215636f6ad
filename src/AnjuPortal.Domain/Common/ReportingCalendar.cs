namespace AnjuPortal.Domain.Common;

/// <summary>Calendar rules shared by targets, projects and reports.</summary>
public static class ReportingCalendar
{
    public static int ValidYear(int year)
        => year is >= 2000 and <= 2100 ? year : throw new DomainException(DomainText.Format(DomainText.YearOutOfRange, year), "Year");

    public static int ValidMonth(int month)
        => month is >= 1 and <= 12 ? month : throw new DomainException(DomainText.Format(DomainText.MonthOutOfRange, month), "Month");

    /// <summary>
    /// Time progress 时间进度 as officials quote it: months elapsed over twelve (end of June = 50 %).
    /// </summary>
    public static decimal TimeProgress(int month) => Math.Round(ValidMonth(month) / 12m, 4);

    /// <summary>The notice's hard date: every project of the year has started by 30 September (确保9月底前全部开工).</summary>
    public static DateOnly StartDeadline(int year) => new(ValidYear(year), 9, 30);
}
