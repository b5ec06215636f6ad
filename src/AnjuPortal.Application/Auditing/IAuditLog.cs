namespace AnjuPortal.Application.Auditing;

/// <summary>
/// Events for the audit trail that are not row changes: sign-ins and their failures, sign-outs, exports and
/// unmasked views of personal data. Changes to data are recorded by the data layer on every save.
/// </summary>
public interface IAuditLog
{
    /// <summary>Records a sign-in attempt under the account's unit (or the root, for an unknown name).</summary>
    Task RecordSignInAsync(string userName, string action, string? clientAddress, string? note, CancellationToken ct = default);

    /// <summary>Records an event by the current user about one record (export, unmask, sign-out).</summary>
    Task RecordAsync(string action, string entityType, string? entityId, int jurisdictionId, string? note, CancellationToken ct = default);
}
