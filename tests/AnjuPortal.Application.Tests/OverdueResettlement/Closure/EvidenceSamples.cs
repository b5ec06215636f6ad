using System.IO.Compression;
using System.Text;
using AnjuPortal.Application.OverdueResettlement.Closure;

namespace AnjuPortal.Application.Tests.OverdueResettlement.Closure;

/// <summary>Small files that are what they claim to be (and some that are not), for the evidence checks.</summary>
public static class EvidenceSamples
{
    public static byte[] Pdf(string text = "signed agreement")
        => Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    public static byte[] Html() => Encoding.UTF8.GetBytes("<html><body><script>alert(document.cookie)</script></body></html>");

    /// <summary>A zip holding the named part (e.g. <c>word/document.xml</c> makes it a Word document as far as the check goes).</summary>
    public static byte[] Zip(string part)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(part).Open());
            writer.Write("<?xml version=\"1.0\"?><document/>");
        }

        return memory.ToArray();
    }

    public static AttachmentCandidate File(string name, byte[] content) => new(name, content);

    public static AttachmentCandidate Agreement(string name = "回迁安置协议.pdf") => new(name, Pdf(name));
}
