using System.IO.Compression;
using System.Text;
using AnjuPortal.Domain.OverdueResettlement;

namespace AnjuPortal.Application.OverdueResettlement.Closure;

/// <summary>
/// The allow-list of evidence types: the extensions accepted for each, the bytes its content must start with, and the
/// one Content-Type it is served with (whatever the uploader's browser claimed is never used).
/// </summary>
public static class EvidenceFiles
{
    private static readonly Dictionary<string, EvidenceFileType> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = EvidenceFileType.Pdf,
        [".jpg"] = EvidenceFileType.Jpeg,
        [".jpeg"] = EvidenceFileType.Jpeg,
        [".png"] = EvidenceFileType.Png,
        [".docx"] = EvidenceFileType.Docx,
        [".xlsx"] = EvidenceFileType.Xlsx,
        [".ofd"] = EvidenceFileType.Ofd,
    };

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>For the upload control's <c>accept</c> attribute and the page's hint.</summary>
    public static string AcceptList => string.Join(",", Extensions.Keys);

    public static string ExtensionsText => string.Join("、", Extensions.Keys.Select(e => e.TrimStart('.').ToUpperInvariant()));

    public static EvidenceFileType? TypeOf(string fileName)
        => Extensions.TryGetValue(Path.GetExtension(fileName ?? string.Empty), out var type) ? type : null;

    public static string ContentType(EvidenceFileType type) => type switch
    {
        EvidenceFileType.Pdf => "application/pdf",
        EvidenceFileType.Jpeg => "image/jpeg",
        EvidenceFileType.Png => "image/png",
        EvidenceFileType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        EvidenceFileType.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        EvidenceFileType.Ofd => "application/ofd",
        _ => "application/octet-stream",
    };

    /// <summary>
    /// Whether the content is what the type says: the leading bytes for PDF and images; for the zip-based formats the
    /// zip signature and the part that makes it a Word document (<c>word/document.xml</c>), a workbook
    /// (<c>xl/workbook.xml</c>) or an OFD package (<c>OFD.xml</c>).
    /// </summary>
    public static bool ContentMatches(EvidenceFileType type, ReadOnlySpan<byte> content) => type switch
    {
        EvidenceFileType.Pdf => content.StartsWith(PdfMagic),
        EvidenceFileType.Jpeg => content.StartsWith(JpegMagic),
        EvidenceFileType.Png => content.StartsWith(PngMagic),
        EvidenceFileType.Docx => content.StartsWith(ZipMagic),
        EvidenceFileType.Xlsx => content.StartsWith(ZipMagic),
        EvidenceFileType.Ofd => content.StartsWith(ZipMagic),
        _ => false,
    };

    /// <summary>The zip part a zip-based type must hold (null for the others).</summary>
    public static bool PackageMatches(EvidenceFileType type, byte[] content)
    {
        var part = type switch
        {
            EvidenceFileType.Docx => "word/document.xml",
            EvidenceFileType.Xlsx => "xl/workbook.xml",
            EvidenceFileType.Ofd => "OFD.xml",
            _ => null,
        };
        if (part is null)
        {
            return true;
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return zip.Entries.Any(e => string.Equals(e.FullName, part, StringComparison.OrdinalIgnoreCase));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>
    /// The name to keep and offer on download: the last path segment only, without control or reserved characters,
    /// at most 100 characters before the extension; a file whose name is nothing after that gets 证明材料.ext.
    /// </summary>
    public static string SanitiseName(string? fileName, EvidenceFileType type)
    {
        var name = (fileName ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!char.IsControl(c) && "<>:\"|?*;%".IndexOf(c, StringComparison.Ordinal) < 0 && !char.IsSurrogate(c) && c is not ('\u202E' or '\u202D' or '\u200E' or '\u200F'))
            {
                builder.Append(c);
            }
        }

        var cleaned = builder.ToString().Trim().Trim('.').Trim();
        var extension = Path.GetExtension(cleaned);
        var stem = Path.GetFileNameWithoutExtension(cleaned).Trim();
        if (TypeOf(cleaned) != type)
        {
            extension = Extensions.First(e => e.Value == type).Key;
        }

        if (stem.Length == 0)
        {
            stem = "证明材料";
        }

        return (stem.Length > 100 ? stem[..100] : stem) + extension.ToLowerInvariant();
    }
}
