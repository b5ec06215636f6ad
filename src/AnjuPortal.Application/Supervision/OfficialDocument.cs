using AnjuPortal.Domain.Supervision;

namespace AnjuPortal.Application.Supervision;

/// <summary>
/// Everything the GB/T 9704-2012 layout prints, in order from the top of page one: the header 发文机关标志, the number
/// 发文字号 (none on a draft), the title, the main recipients, the body, the signature 发文机关署名 and date 成文日期,
/// and the record block 版记 (抄送, 印发机关, 印发日期).
/// </summary>
public sealed record OfficialDocument(
    string Header,
    string? Number,
    string Title,
    string MainRecipients,
    IReadOnlyList<BodyLine> Body,
    string IssuingOffice,
    DateOnly DocumentDate,
    IReadOnlyList<string> CopyTo,
    string PrintingOffice,
    DateOnly PrintDate)
{
    /// <summary>成文日期 as the 2012 standard writes it: Arabic numerals, no leading zeros (2026年11月26日).</summary>
    public static string ChineseDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";
}

/// <summary>Writes an <see cref="OfficialDocument"/> as a .docx and as a PDF with the fonts embedded (Infrastructure/Documents).</summary>
public interface IOfficialDocumentRenderer
{
    byte[] RenderDocx(OfficialDocument document);

    Task<byte[]> RenderPdfAsync(OfficialDocument document, CancellationToken ct = default);
}

/// <summary>A rendered file for download.</summary>
public sealed record RenderedFile(string FileName, string ContentType, byte[] Content);

public enum NoticeFileFormat
{
    Docx = 0,
    Pdf = 1,
}
