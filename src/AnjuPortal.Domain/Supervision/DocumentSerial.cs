using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.Supervision;

/// <summary>
/// 发文登记: the last serial taken for one prefix and year. Issuing increments <see cref="Last"/> with one UPDATE inside
/// the issuing transaction (the row lock, or SQLite's single writer, queues concurrent issuers; a rollback gives the
/// number back), so issued numbers run 1, 2, 3 … with no gap and no duplicate. Shared by the whole tree (not
/// tenant-owned): (Prefix, Year) is unique. docs/official-documents.md explains the register.
/// </summary>
public sealed class DocumentSerial : Entity
{
    private DocumentSerial() { }

    public string Prefix { get; private set; } = string.Empty;

    public int Year { get; private set; }

    /// <summary>The last serial issued; 0 before the first notice of the year.</summary>
    public int Last { get; private set; }

    public static DocumentSerial Start(string prefix, int year)
        => new() { Prefix = DocumentNumber.ValidPrefix(prefix), Year = ReportingCalendar.ValidYear(year), Last = 0 };
}
