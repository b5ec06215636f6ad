using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.Supervision;

public sealed partial class OfficialNotice
{
    /// <summary>
    /// The month a 月通报 drafted by the job reports on (null for every other notice). (JurisdictionId, PeriodYear,
    /// PeriodMonth) is unique in the database: the job drafts a month once however often, and on however many servers, it runs.
    /// </summary>
    public int? PeriodYear { get; private set; }

    /// <inheritdoc cref="PeriodYear"/>
    public int? PeriodMonth { get; private set; }

    /// <summary>The 月通报 of <paramref name="year"/>-<paramref name="month"/> as the drafting job writes it: a draft of kind <see cref="NoticeKind.MonthlyCirculation"/> that remembers its month.</summary>
    public static OfficialNotice DraftMonthly(int jurisdictionId, int year, int month, NoticeContent content)
    {
        var notice = Draft(jurisdictionId, NoticeKind.MonthlyCirculation, content);
        notice.PeriodYear = ReportingCalendar.ValidYear(year);
        notice.PeriodMonth = ReportingCalendar.ValidMonth(month);
        return notice;
    }
}
