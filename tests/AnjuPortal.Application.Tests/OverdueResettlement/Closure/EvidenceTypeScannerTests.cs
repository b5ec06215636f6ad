using AnjuPortal.Application.OverdueResettlement.Closure;
using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.Extensions.Options;
using static AnjuPortal.Application.Tests.OverdueResettlement.Closure.EvidenceSamples;

namespace AnjuPortal.Application.Tests.OverdueResettlement.Closure;

/// <summary>The default checks every evidence file passes: allow-listed extension, content that matches it, size.</summary>
public sealed class EvidenceTypeScannerTests
{
    private static EvidenceTypeScanner Scanner(long maxBytes = EvidenceOptions.DefaultMaxFileBytes)
        => new(Options.Create(new EvidenceOptions { MaxFileBytes = maxBytes }));

    public static TheoryData<string, byte[], EvidenceFileType> Genuine() => new()
    {
        { "协议.pdf", Pdf(), EvidenceFileType.Pdf },
        { "现场照片.JPG", Jpeg(), EvidenceFileType.Jpeg },
        { "现场照片.jpeg", Jpeg(), EvidenceFileType.Jpeg },
        { "入住.png", Png(), EvidenceFileType.Png },
        { "情况说明.docx", Zip("word/document.xml"), EvidenceFileType.Docx },
        { "安置台账.xlsx", Zip("xl/workbook.xml"), EvidenceFileType.Xlsx },
        { "验收证明.ofd", Zip("OFD.xml"), EvidenceFileType.Ofd },
    };

    [Theory]
    [MemberData(nameof(Genuine))]
    public async Task ScanAsync_Accepts_AllowListedFilesWhoseContentMatches(string name, byte[] content, EvidenceFileType expected)
    {
        var verdict = await Scanner().ScanAsync(File(name, content));

        Assert.True(verdict.Accepted, verdict.Refusal);
        Assert.Equal(expected, verdict.FileType);
    }

    [Theory]
    [InlineData("页面.html")]
    [InlineData("脚本.svg")]
    [InlineData("程序.exe")]
    [InlineData("协议.pdf.exe")]
    [InlineData("无扩展名")]
    public async Task ScanAsync_Refuses_ExtensionsOffTheList(string name)
    {
        var verdict = await Scanner().ScanAsync(File(name, Pdf()));

        Assert.False(verdict.Accepted);
        Assert.Contains("的类型不在允许范围内。只接受 PDF、JPG、JPEG、PNG、DOCX、XLSX、OFD 格式的文件。", verdict.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_Refuses_AnHtmlPageRenamedToPdf()
    {
        var verdict = await Scanner().ScanAsync(File("协议.pdf", Html()));

        Assert.False(verdict.Accepted);
        Assert.Equal("文件「协议.pdf」的内容与其扩展名不符（例如改了扩展名的网页或其他文件），未予接收。请上传原始文件。", verdict.Refusal);
    }

    [Theory]
    [InlineData("照片.png")]
    [InlineData("照片.jpg")]
    [InlineData("说明.docx")]
    public async Task ScanAsync_Refuses_APdfUnderAnotherTypesName(string name)
        => Assert.False((await Scanner().ScanAsync(File(name, Pdf()))).Accepted);

    [Fact]
    public async Task ScanAsync_Refuses_AZipThatIsNotTheDocumentItsNameSays()
    {
        Assert.False((await Scanner().ScanAsync(File("台账.xlsx", Zip("word/document.xml")))).Accepted);
        Assert.False((await Scanner().ScanAsync(File("说明.docx", Zip("payload.html")))).Accepted);
    }

    [Fact]
    public async Task ScanAsync_Refuses_OversizeFiles_NamingTheLimit()
    {
        var content = new byte[3 * 1024];
        Pdf().CopyTo(content, 0);

        var verdict = await Scanner(maxBytes: 2048).ScanAsync(File("协议.pdf", content));

        Assert.False(verdict.Accepted);
        Assert.Equal("文件「协议.pdf」大小为 3 KB，超过单个文件 2 KB 的上限。", verdict.Refusal);
    }

    [Fact]
    public async Task ScanAsync_Refuses_EmptyFiles()
        => Assert.Equal("文件「协议.pdf」是空文件。", (await Scanner().ScanAsync(File("协议.pdf", []))).Refusal);

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\张三\\回迁协议.pdf", "回迁协议.pdf")]
    [InlineData("a<b>c:\"d|e?.pdf", "abcde.pdf")]
    [InlineData("  ... ", "证明材料.pdf")]
    [InlineData("evil\u202Efdp.exe.pdf", "evilfdp.exe.pdf")]
    public void SanitiseName_KeepsOnlyASafeLastSegment(string name, string expected)
        => Assert.Equal(expected, EvidenceFiles.SanitiseName(name, EvidenceFileType.Pdf));

    [Fact]
    public void ContentType_IsFixedPerType_NeverHtml()
    {
        foreach (var type in Enum.GetValues<EvidenceFileType>())
        {
            var contentType = EvidenceFiles.ContentType(type);
            Assert.DoesNotContain("html", contentType, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("svg", contentType, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("application/pdf", EvidenceFiles.ContentType(EvidenceFileType.Pdf));
    }
}
