using System.Diagnostics;
using AnjuPortal.Application.Supervision;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Infrastructure.Documents;

/// <summary>
/// The .docx from <see cref="GbtDocxWriter"/>, and the PDF converted from that same .docx by LibreOffice headless
/// (ADR-009: one layout, so the PDF cannot drift from the .docx; LibreOffice embeds subsets of every font it uses).
/// Each conversion runs in its own temporary folder with its own LibreOffice profile and HOME (so it runs as any
/// user, root included, and two conversions never share a profile lock), with FONTCONFIG_FILE pointing at
/// official-fonts.conf so the standard's font names fall back to installed free faces. At most two conversions run
/// at once; each is killed after <see cref="OfficialDocumentOptions.ConversionTimeoutSeconds"/>.
/// </summary>
public sealed class OfficialDocumentRenderer(IOptions<OfficialDocumentOptions> options, ILogger<OfficialDocumentRenderer> logger) : IOfficialDocumentRenderer
{
    private static readonly SemaphoreSlim Conversions = new(2, 2);

    public byte[] RenderDocx(OfficialDocument document) => GbtDocxWriter.Write(document);

    public async Task<byte[]> RenderPdfAsync(OfficialDocument document, CancellationToken ct = default)
        => await ConvertToPdfAsync(GbtDocxWriter.AdaptForLibreOffice(RenderDocx(document)), options.Value, logger, ct);

    /// <summary>Converts a .docx to PDF with LibreOffice (<c>soffice --headless --convert-to pdf</c>).</summary>
    public static async Task<byte[]> ConvertToPdfAsync(byte[] docx, OfficialDocumentOptions options, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(docx);
        ArgumentNullException.ThrowIfNull(options);
        await Conversions.WaitAsync(ct);
        var folder = Directory.CreateTempSubdirectory("anju-pdf-").FullName;
        try
        {
            var input = Path.Combine(folder, "notice.docx");
            await File.WriteAllBytesAsync(input, docx, ct);
            var fonts = Path.Combine(folder, "fonts.conf");
            await using (var resource = typeof(OfficialDocumentRenderer).Assembly.GetManifestResourceStream("AnjuPortal.Infrastructure.Documents.official-fonts.conf")
                ?? throw new InvalidOperationException("official-fonts.conf is not embedded."))
            await using (var file = File.Create(fonts))
            {
                await resource.CopyToAsync(file, ct);
            }

            var start = new ProcessStartInfo(options.OfficeCommand)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            foreach (var argument in new[]
                     {
                         $"-env:UserInstallation={new Uri(Path.Combine(folder, "profile")).AbsoluteUri}",
                         "--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck", "--nodefault",
                         "--convert-to", "pdf:writer_pdf_Export", "--outdir", folder, input,
                     })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["HOME"] = folder;
            start.Environment["FONTCONFIG_FILE"] = fonts;
            start.Environment["SAL_USE_VCLPLUGIN"] = "svp";

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {options.OfficeCommand}.");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(5, options.ConversionTimeoutSeconds)));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"PDF conversion took longer than {options.ConversionTimeoutSeconds} s and was stopped.");
            }

            var output = Path.Combine(folder, "notice.pdf");
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                logger.LogError("LibreOffice conversion failed with exit code {ExitCode}: {Output} {Error}", process.ExitCode, await stdout, await stderr);
                throw new InvalidOperationException($"PDF conversion failed (exit code {process.ExitCode}). Is LibreOffice (soffice) installed? See docs/official-documents.md.");
            }

            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            Conversions.Release();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; the next clean-up of /tmp removes it.
            }
        }
    }
}
