namespace AnjuPortal.Application.OverdueResettlement.Closure;

/// <summary>
/// Configuration section <c>Evidence</c>: the limits of the evidence 证明材料 of a closure application and where the
/// files are kept. docs/closing-cases.md and ADR-006 explain the choices.
/// </summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";
    public const long DefaultMaxFileBytes = 20L * 1024 * 1024;
    public const int DefaultMaxFiles = 10;

    /// <summary>Largest accepted file (default 20 MB). The page also keeps it under <c>Uploads:MaxRequestBytes</c>.</summary>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>Most files one application may carry (default 10).</summary>
    public int MaxFiles { get; set; } = DefaultMaxFiles;

    /// <summary>
    /// The folder of the local file store, relative to the content root unless absolute (default
    /// <c>App_Data/attachments</c>: outside wwwroot, never served as a static file). Several web nodes must share it.
    /// </summary>
    public string Directory { get; set; } = "App_Data/attachments";
}
