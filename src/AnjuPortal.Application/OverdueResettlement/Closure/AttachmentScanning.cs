using System.Globalization;
using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.OverdueResettlement.Closure;

/// <summary>An uploaded file, read into memory (it is at most <see cref="EvidenceOptions.MaxFileBytes"/>).</summary>
public sealed record AttachmentCandidate(string FileName, byte[] Content);

/// <summary>The outcome of a check: accepted with its type and sanitised name, or refused with a Chinese reason.</summary>
public sealed record AttachmentVerdict(bool Accepted, EvidenceFileType? FileType, string? SafeName, string? Refusal)
{
    public static AttachmentVerdict Accept(EvidenceFileType type, string safeName) => new(true, type, safeName, null);

    public static AttachmentVerdict Refuse(string reason) => new(false, null, null, reason);
}

/// <summary>
/// The hook every evidence file passes before it is stored. The default, <see cref="EvidenceTypeScanner"/>, checks the
/// type allow-list, the content's signature and the size; it does not look for viruses. A deployment that runs an
/// antivirus engine (for instance ClamAV through clamd) registers its own implementation, calling the default first and
/// then the engine; a refusal stops the application with its reason.
/// </summary>
public interface IAttachmentScanner
{
    Task<AttachmentVerdict> ScanAsync(AttachmentCandidate candidate, CancellationToken ct = default);
}

/// <summary>The default checks: extension on the allow-list, content that starts as that type must, size within the limit.</summary>
public sealed class EvidenceTypeScanner(IOptions<EvidenceOptions> options) : IAttachmentScanner
{
    public const string Empty = "文件「{0}」是空文件。";
    public const string TypeNotAllowed = "文件「{0}」的类型不在允许范围内。只接受 {1} 格式的文件。";
    public const string ContentMismatch = "文件「{0}」的内容与其扩展名不符（例如改了扩展名的网页或其他文件），未予接收。请上传原始文件。";
    public const string TooLarge = "文件「{0}」大小为 {1}，超过单个文件 {2} 的上限。";

    public Task<AttachmentVerdict> ScanAsync(AttachmentCandidate candidate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var shown = EvidenceFiles.SanitiseName(candidate.FileName, EvidenceFileType.Pdf);
        shown = Path.GetFileNameWithoutExtension(shown) + Path.GetExtension(candidate.FileName ?? string.Empty);
        if (EvidenceFiles.TypeOf(candidate.FileName ?? string.Empty) is not { } type)
        {
            return Task.FromResult(AttachmentVerdict.Refuse(Format(TypeNotAllowed, shown, EvidenceFiles.ExtensionsText)));
        }

        if (candidate.Content.Length == 0)
        {
            return Task.FromResult(AttachmentVerdict.Refuse(Format(Empty, shown)));
        }

        var max = options.Value.MaxFileBytes;
        if (candidate.Content.Length > max)
        {
            return Task.FromResult(AttachmentVerdict.Refuse(Format(TooLarge, shown, Size(candidate.Content.Length), Size(max))));
        }

        if (!EvidenceFiles.ContentMatches(type, candidate.Content) || !EvidenceFiles.PackageMatches(type, candidate.Content))
        {
            return Task.FromResult(AttachmentVerdict.Refuse(Format(ContentMismatch, shown)));
        }

        return Task.FromResult(AttachmentVerdict.Accept(type, EvidenceFiles.SanitiseName(candidate.FileName, type)));
    }

    /// <summary>A size as a civil servant reads it: 1.5 MB, 320 KB.</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Format(CultureInfo.InvariantCulture, "{0:0.#} MB", bytes / (1024d * 1024))
        : string.Format(CultureInfo.InvariantCulture, "{0:0} KB", Math.Ceiling(bytes / 1024d));

    private static string Format(string template, params object[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}

/// <summary>
/// Where evidence content lives, by a generated key (never a user's file name). The default keeps files in a local
/// folder outside the web root (ADR-006); another store (object storage, a share) implements the same three calls.
/// </summary>
public interface IEvidenceFileStore
{
    Task SaveAsync(string key, byte[] content, CancellationToken ct = default);

    /// <summary>The content, or null when the key is unknown (a file lost from the store).</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct = default);

    Task DeleteAsync(string key, CancellationToken ct = default);
}
