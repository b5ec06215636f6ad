using System.Globalization;
using System.Resources;

namespace AnjuPortal.Domain.Common;

/// <summary>
/// The domain's user-facing messages, read from <c>Resources/DomainText.resx</c> (neutral language zh-CN),
/// so that an English (or other) satellite resource can follow without touching code.
/// </summary>
public static class DomainText
{
    private static readonly ResourceManager Resources =
        new("AnjuPortal.Domain.Resources.DomainText", typeof(DomainText).Assembly);

    public static string MustNotBeNegative => Get(nameof(MustNotBeNegative));
    public static string Required => Get(nameof(Required));
    public static string TooLong => Get(nameof(TooLong));
    public static string IdNumberFormat => Get(nameof(IdNumberFormat));
    public static string IdNumberChecksum => Get(nameof(IdNumberChecksum));
    public static string IdNumberBirthDate => Get(nameof(IdNumberBirthDate));
    public static string PhoneFormat => Get(nameof(PhoneFormat));
    public static string DateOrder => Get(nameof(DateOrder));
    public static string CumulativeDecrease => Get(nameof(CumulativeDecrease));
    public static string ExceedsPlanned => Get(nameof(ExceedsPlanned));
    public static string CompletedExceedsStarted => Get(nameof(CompletedExceedsStarted));
    public static string StageSkip => Get(nameof(StageSkip));
    public static string StageBackwards => Get(nameof(StageBackwards));
    public static string SpentExceedsReceived => Get(nameof(SpentExceedsReceived));
    public static string ExpropriationOrder => Get(nameof(ExpropriationOrder));
    public static string YearOutOfRange => Get(nameof(YearOutOfRange));
    public static string MonthOutOfRange => Get(nameof(MonthOutOfRange));
    public static string ProjectCodeFormat => Get(nameof(ProjectCodeFormat));
    public static string HouseholdAlreadyResolved => Get(nameof(HouseholdAlreadyResolved));
    public static string CaseNotOpen => Get(nameof(CaseNotOpen));
    public static string JurisdictionCodeFormat => Get(nameof(JurisdictionCodeFormat));
    public static string JurisdictionLevelOrder => Get(nameof(JurisdictionLevelOrder));
    public static string ReportNotEditable => Get(nameof(ReportNotEditable));
    public static string DeadlineInsideMonth => Get(nameof(DeadlineInsideMonth));
    public static string PeriodFrozen => Get(nameof(PeriodFrozen));
    public static string FundingSourceTwice => Get(nameof(FundingSourceTwice));
    public static string SubmitWithErrors => Get(nameof(SubmitWithErrors));
    public static string SubmitWithUnexplainedWarnings => Get(nameof(SubmitWithUnexplainedWarnings));
    public static string SubmitBeforeChildren => Get(nameof(SubmitBeforeChildren));
    public static string ApproveBeforeChildren => Get(nameof(ApproveBeforeChildren));
    public static string AndMore => Get(nameof(AndMore));
    public static string LateReasonRequired => Get(nameof(LateReasonRequired));
    public static string ReportLocked => Get(nameof(ReportLocked));
    public static string ReportWrongStatus => Get(nameof(ReportWrongStatus));
    public static string CorrectionOfUnapproved => Get(nameof(CorrectionOfUnapproved));
    public static string NotificationReminder => Get(nameof(NotificationReminder));
    public static string NotificationLateOwn => Get(nameof(NotificationLateOwn));
    public static string NotificationLateChild => Get(nameof(NotificationLateChild));
    public static string NotificationReturned => Get(nameof(NotificationReturned));
    public static string NotificationApproved => Get(nameof(NotificationApproved));
    public static string CaseFieldNoReturn => Get(nameof(CaseFieldNoReturn));
    public static string CategoryUnchanged => Get(nameof(CategoryUnchanged));
    public static string MilestoneNotFound => Get(nameof(MilestoneNotFound));
    public static string MilestoneAlreadyCompleted => Get(nameof(MilestoneAlreadyCompleted));
    public static string ClosureApplyClosed => Get(nameof(ClosureApplyClosed));
    public static string ClosureAlreadyApplied => Get(nameof(ClosureAlreadyApplied));
    public static string ClosureApplyByCity => Get(nameof(ClosureApplyByCity));
    public static string ClosureUnresolvedHouseholds => Get(nameof(ClosureUnresolvedHouseholds));
    public static string ClosureEvidenceRequired => Get(nameof(ClosureEvidenceRequired));
    public static string ClosureReturnNotApplied => Get(nameof(ClosureReturnNotApplied));
    public static string ClosureCloseNotApplied => Get(nameof(ClosureCloseNotApplied));
    public static string ClosureReopenNotClosed => Get(nameof(ClosureReopenNotClosed));
    public static string ClosureOwnApplication => Get(nameof(ClosureOwnApplication));
    public static string ClosureByProvinceOnly => Get(nameof(ClosureByProvinceOnly));
    public static string NotificationClosureReturned => Get(nameof(NotificationClosureReturned));
    public static string NotificationClosureClosed => Get(nameof(NotificationClosureClosed));
    public static string DocumentSerialPositive => Get(nameof(DocumentSerialPositive));
    public static string DocumentNumberFormat => Get(nameof(DocumentNumberFormat));
    public static string DocumentPrefixFormat => Get(nameof(DocumentPrefixFormat));
    public static string NoticeIssuedNoEdit => Get(nameof(NoticeIssuedNoEdit));
    public static string NoticeAlreadyApproved => Get(nameof(NoticeAlreadyApproved));
    public static string NoticeAlreadyIssued => Get(nameof(NoticeAlreadyIssued));
    public static string NoticeIssueNeedsApproval => Get(nameof(NoticeIssueNeedsApproval));
    public static string ComplaintContactRequired => Get(nameof(ComplaintContactRequired));
    public static string ComplaintContactFormat => Get(nameof(ComplaintContactFormat));
    public static string ComplaintAlreadyInProgress => Get(nameof(ComplaintAlreadyInProgress));
    public static string ComplaintSupervisionAlreadyRaised => Get(nameof(ComplaintSupervisionAlreadyRaised));
    public static string NoticeAlreadySigned => Get(nameof(NoticeAlreadySigned));
    public static string NoticeNotAddressed => Get(nameof(NoticeNotAddressed));
    public static string NotificationNoticeReminder => Get(nameof(NotificationNoticeReminder));
    public static string NotificationNoticeUnsigned => Get(nameof(NotificationNoticeUnsigned));

    /// <summary>The Chinese name of an enum value, from the resource <c>{EnumType}_{Value}</c>.</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => Resources.GetString($"{typeof(TEnum).Name}_{value}", CultureInfo.CurrentUICulture) ?? value.ToString();

    /// <summary>A text by its resource name, for texts named in the code that uses them (the export columns and audit notes).</summary>
    public static string Named(string name) => Get(name);

    public static string Format(string template, params object?[] args)
        => string.Format(CultureInfo.CurrentCulture, template, args);

    internal static string Get(string name)
        => Resources.GetString(name, CultureInfo.CurrentUICulture)
           ?? throw new InvalidOperationException($"Missing domain text resource '{name}'.");
}
