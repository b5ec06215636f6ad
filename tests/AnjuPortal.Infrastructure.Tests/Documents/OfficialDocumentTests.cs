using System.Diagnostics;
using AnjuPortal.Application.Supervision;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.Infrastructure.Documents;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Infrastructure.Tests.Documents;

/// <summary>
/// The official document in the GB/T 9704-2012 layout: the .docx read back with the Open XML SDK (page, grid, header,
/// number, fonts, record block, page numbers; valid Open XML), and the PDF LibreOffice makes of it, checked with poppler
/// (page 1 as an image: A4 and a red header; the Chinese title and number in the extracted text; fonts embedded).
/// With ANJU_WRITE_SAMPLES=1 the PDF test also writes docs/samples/notice-sample.{docx,pdf,png}.
/// </summary>
public sealed class OfficialDocumentTests
{
    private const string Number = "吉安居办〔2020〕18号";
    private const string Title = "关于2020年6月全省棚户区改造和解决棚改逾期未安置问题工作进展情况的通报";

    [Fact]
    public void Docx_HasTheStandardPageTextAreaAndGrid()
    {
        using var doc = Open(GbtDocxWriter.Write(Sample()));
        var section = doc.MainDocumentPart!.Document!.Body!.Elements<SectionProperties>().Single();

        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value)); // 210 × 297 mm
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal(2098, margin.Top!.Value);  // 37 mm
        Assert.Equal(1588u, margin.Left!.Value); // 28 mm
        Assert.Equal(156.0, Math.Round((11906 - margin.Left!.Value - margin.Right!.Value) / 56.6929), 0);  // text area 156 mm wide
        Assert.Equal(225.0, Math.Round((16838 - margin.Top!.Value - margin.Bottom!.Value) / 56.6929), 0); // and 225 mm high

        var grid = section.GetFirstChild<DocGrid>()!;
        Assert.Equal(DocGridValues.LinesAndChars, grid.Type!.Value);
        Assert.Equal(22, (16838 - 2098 - 1984) / grid.LinePitch!.Value); // 22 lines a page
        var pitch = 16 + (grid.CharacterSpace!.Value / 4096.0);           // 3号 = 16 pt plus the grid's adjustment
        Assert.Equal(28, (int)((11906 - 1588 - 1474) / 20.0 / pitch));    // 28 characters a line
    }

    [Fact]
    public void Docx_HeaderIsRedAndNumberTitleAndRecordBlockAreWhereTheStandardPutsThem()
    {
        using var doc = Open(GbtDocxWriter.Write(Sample()));
        var paragraphs = doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();

        var header = paragraphs[0];
        Assert.Equal("吉林省保障性安居工程领导小组办公室文件", header.InnerText);
        Assert.All(header.Descendants<Run>(), r => Assert.Equal("FF0000", r.RunProperties!.Color!.Val!.Value));
        Assert.Equal(JustificationValues.Center, header.ParagraphProperties!.Justification!.Val!.Value);
        Assert.Equal(GbtDocxWriter.TitleFont, header.Descendants<RunFonts>().First().EastAsia!.Value);

        var number = paragraphs[1];
        Assert.Equal(Number, number.InnerText);
        var rule = number.ParagraphProperties!.ParagraphBorders!.BottomBorder!;
        Assert.Equal("FF0000", rule.Color!.Value); // 红色分隔线 under the number

        var title = paragraphs[2];
        Assert.Equal(Title, title.InnerText);
        Assert.Equal("44", title.Descendants<FontSize>().First().Val!.Value); // 2号 = 22 pt
        Assert.Equal("各市（州）人民政府，长白山管委会：", paragraphs[3].InnerText);

        Assert.Contains(paragraphs, p => p.InnerText.StartsWith("一、", StringComparison.Ordinal) && FontOf(p) == GbtDocxWriter.HeadingFont);
        Assert.Contains(paragraphs, p => p.InnerText.StartsWith("（一）", StringComparison.Ordinal) && FontOf(p) == GbtDocxWriter.KaiFont);
        Assert.Contains(paragraphs, p => p.InnerText.StartsWith("截至6月底", StringComparison.Ordinal) && FontOf(p) == GbtDocxWriter.BodyFont);
        Assert.Contains(paragraphs, p => p.InnerText == "2020年7月10日"); // 成文日期 in Arabic numerals

        // 版记: a floating table anchored to the bottom of the text area, a thick rule above, a thin one between, a thick one below.
        var block = doc.MainDocumentPart!.Document!.Body!.Elements<Table>().Last();
        var position = block.GetFirstChild<TableProperties>()!.TablePositionProperties!;
        Assert.Equal(VerticalAlignmentValues.Bottom, position.TablePositionYAlignment!.Value);
        Assert.Equal(VerticalAnchorValues.Margin, position.VerticalAnchor!.Value);
        var rows = block.Elements<TableRow>().ToList();
        Assert.Equal("抄送：省住房城乡建设厅，省财政厅，省自然资源厅。", rows[0].InnerText);
        Assert.Equal("吉林省保障性安居工程领导小组办公室2020年7月10日印发", rows[1].InnerText);
        var rules = rows.Select(r => r.Descendants<TableCellBorders>().Single()).ToList();
        Assert.Equal((8u, 6u), (rules[0].TopBorder!.Size!.Value, rules[0].BottomBorder!.Size!.Value)); // 0.35 mm, 0.25 mm
        Assert.Equal(8u, rules[1].BottomBorder!.Size!.Value);
    }

    [Fact]
    public void Docx_NamesTheStandardFonts_WithAlternatesAndPageNumbersOddRightEvenLeft()
    {
        using var doc = Open(GbtDocxWriter.Write(Sample()));
        var main = doc.MainDocumentPart!;
        var fonts = main.FontTablePart!.Fonts!.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName?.Val?.Value);
        Assert.Equal("仿宋", fonts["仿宋_GB2312"]);
        Assert.Equal("楷体", fonts["楷体_GB2312"]);
        Assert.True(fonts.ContainsKey("方正小标宋简体") && fonts.ContainsKey("黑体") && fonts.ContainsKey("宋体"));

        Assert.NotNull(main.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());
        var section = main.Document!.Body!.Elements<SectionProperties>().Single();
        var footers = section.Elements<FooterReference>().ToDictionary(r => r.Type!.Value, r => (FooterPart)main.GetPartById(r.Id!.Value!));
        var odd = footers[HeaderFooterValues.Default].Footer!;
        var even = footers[HeaderFooterValues.Even].Footer!;
        Assert.Equal("— 1 —", odd.InnerText.Replace(" PAGE ", string.Empty, StringComparison.Ordinal));
        Assert.Contains(odd.Descendants<FieldCode>(), f => f.Text.Trim() == "PAGE");
        Assert.Equal(JustificationValues.Right, odd.Descendants<Justification>().Single().Val!.Value);
        Assert.Equal(JustificationValues.Left, even.Descendants<Justification>().Single().Val!.Value);
        Assert.Equal("28", odd.Descendants<FontSize>().First().Val!.Value); // 4号
        Assert.Equal(GbtDocxWriter.SongFont, odd.Descendants<RunFonts>().First().EastAsia!.Value);
    }

    [Fact]
    public void Docx_WritesABodyTableAsARuledWordTable_WithABoldHeaderRepeatedOnEachPage()
    {
        using var doc = Open(GbtDocxWriter.Write(Sample()));
        var body = doc.MainDocumentPart!.Document!.Body!;
        var table = body.Elements<Table>().First();
        var rows = table.Elements<TableRow>().ToList();

        Assert.Equal(10, rows.Count); // the header and nine cities
        Assert.Equal(["排名", "地区", "开工（套）", "开工进度", "解决逾期未安置（户）", "解决进度"], rows[0].Elements<TableCell>().Select(c => c.InnerText));
        Assert.Equal(["3", "延边朝鲜族自治州", "1012", "44.0%", "250", "16.7%"], rows[3].Elements<TableCell>().Select(c => c.InnerText));
        Assert.NotNull(rows[0].TableRowProperties!.GetFirstChild<TableHeader>());               // repeated at the top of each page
        Assert.All(rows, r => Assert.NotNull(r.TableRowProperties!.GetFirstChild<CantSplit>())); // a row never splits
        Assert.All(rows[0].Descendants<RunProperties>(), p => Assert.NotNull(p.GetFirstChild<Bold>()));
        Assert.All(rows[1].Descendants<RunProperties>(), p => Assert.Null(p.GetFirstChild<Bold>()));
        Assert.All(table.Descendants<FontSize>(), s => Assert.Equal("24", s.Val!.Value)); // 小四
        var borders = table.GetFirstChild<TableProperties>()!.TableBorders!;
        Assert.Equal(BorderValues.Single, borders.InsideHorizontalBorder!.Val!.Value);
        Assert.Equal(BorderValues.Single, borders.InsideVerticalBorder!.Val!.Value);
        // The columns fill the text area exactly; each as wide as its longest text asks (the city names wider than the ranks).
        var columns = table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Select(c => int.Parse(c.Width!.Value!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(GbtDocxWriter.TextWidth, columns.Sum());
        Assert.True(columns[1] > 2 * columns[0], string.Join(",", columns));
        // The paragraph before it introduces it; the heading after it comes back to the body's 3号.
        Assert.StartsWith("按棚户区改造开工任务进度排名", ((Paragraph)table.PreviousSibling()!).InnerText, StringComparison.Ordinal);
        Assert.Equal("三、通报表扬和通报批评", ((Paragraph)table.NextSibling()!).InnerText);
    }

    [Fact]
    public void Docx_ForLibreOffice_PutsTheRecordBlockInATextBoxAnchoredToTheFootOfTheTextArea()
    {
        using var doc = Open(GbtDocxWriter.AdaptForLibreOffice(GbtDocxWriter.Write(Sample())));
        var body = doc.MainDocumentPart!.Document!.Body!;

        Assert.Single(body.Elements<Table>()); // only the ranking table is left in the text
        var anchor = body.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.Anchor>().Single();
        Assert.Equal("bottom", anchor.VerticalPosition!.VerticalAlignment!.Text);
        Assert.Equal(DocumentFormat.OpenXml.Drawing.Wordprocessing.VerticalRelativePositionValues.Margin, anchor.VerticalPosition!.RelativeFrom!.Value);
        var block = anchor.Descendants<Table>().Single();
        Assert.Null(block.GetFirstChild<TableProperties>()!.TablePositionProperties);
        Assert.Equal("抄送：省住房城乡建设厅，省财政厅，省自然资源厅。", block.Elements<TableRow>().First().InnerText);
    }

    [Fact]
    public void Docx_IsValidOpenXml()
    {
        using var doc = Open(GbtDocxWriter.Write(Sample()));
        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Docx_OfADraft_PrintsNoNumber()
    {
        using var doc = Open(GbtDocxWriter.Write(Sample() with { Number = null }));
        Assert.Equal(string.Empty, doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ElementAt(1).InnerText);
    }

    [Theory]
    [InlineData(17, 7, 9.0, 11.0)]  // 吉林省保障性安居工程领导小组办公室 over 2020年7月10日: the date starts two characters right of the signature
    [InlineData(4, 7, 17.0, 19.0)]  // a short signature: the date ends two characters from the right, the signature moves left
    public void SignaturePlacement_FollowsTheTwoCharacterRule(double signature, double date, double signatureStart, double dateStart)
        => Assert.Equal((signatureStart, dateStart), GbtDocxWriter.SignaturePlacement(signature, date));

    [Fact]
    public async Task Pdf_IsA4_WithARedHeader_ChineseTextAndEmbeddedFonts()
    {
        var document = Sample();
        var docx = GbtDocxWriter.Write(document);
        var renderer = new OfficialDocumentRenderer(Options.Create(new OfficialDocumentOptions()), NullLogger<OfficialDocumentRenderer>.Instance);
        var pdf = await renderer.RenderPdfAsync(document);
        var folder = Directory.CreateTempSubdirectory("anju-pdf-test-").FullName;
        try
        {
            var file = Path.Combine(folder, "notice.pdf");
            await File.WriteAllBytesAsync(file, pdf);

            // Written before the checks, so that a reviewer can look at what failed.
            if (Environment.GetEnvironmentVariable("ANJU_WRITE_SAMPLES") == "1")
            {
                var samples = Path.Combine(RepositoryRoot(), "docs", "samples");
                Directory.CreateDirectory(samples);
                await File.WriteAllBytesAsync(Path.Combine(samples, "notice-sample.docx"), docx);
                await File.WriteAllBytesAsync(Path.Combine(samples, "notice-sample.pdf"), pdf);
                await Run("pdftoppm", "-r", "60", "-png", "-singlefile", "-f", "1", "-l", "1", file, Path.Combine(samples, "notice-sample-page1"));
                await Run("pdftoppm", "-r", "60", "-png", "-singlefile", "-f", "2", "-l", "2", file, Path.Combine(samples, "notice-sample-page2"));
                var pages = (await Run("pdfinfo", file)).Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim();
                await Run("pdftoppm", "-r", "60", "-png", "-singlefile", "-f", pages, "-l", pages, file, Path.Combine(samples, "notice-sample-last-page"));
            }

            // Page 1 at 72 dpi: A4 is 595.3 × 841.9 points, which pdftoppm rounds up to whole pixels.
            await Run("pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-singlefile", file, Path.Combine(folder, "page"));
            var page = Ppm.Read(Path.Combine(folder, "page.ppm"));
            Assert.Equal((596, 842), (page.Width, page.Height));

            // The header's band: 37 + 35 mm from the top of the page (204 px at 72 dpi), 36 pt high on a 50 pt line.
            var headerRed = page.Count(0, 200, page.Width, 260, IsRed);
            Assert.True(headerRed > 800, $"Only {headerRed} red pixels in the header band.");
            Assert.Equal(0, page.Count(0, 0, page.Width, 195, IsRed));
            // The red rule runs across the text area (156 mm = 442 px) 4 mm below the number; the title below it is black.
            var ruleRed = page.Count(80, 330, 525, 375, IsRed);
            Assert.True(ruleRed > 400, $"Only {ruleRed} red pixels where the rule should be.");
            Assert.Equal(0, page.Count(0, 380, page.Width, 842, IsRed));

            var text = Squeeze(await Run("pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", file, "-"));
            Assert.Contains("吉林省保障性安居工程领导小组办公室文件", text, StringComparison.Ordinal);
            Assert.Contains(Number, text, StringComparison.Ordinal);
            Assert.Contains(Title, text, StringComparison.Ordinal);

            // The ranking table's cities (the table is the only place 延边朝鲜族自治州 is written in full).
            var all = Squeeze(await Run("pdftotext", "-enc", "UTF-8", file, "-"));
            Assert.Contains("延边朝鲜族自治州", all, StringComparison.Ordinal);
            Assert.Contains("白城市24021.8%", all, StringComparison.Ordinal);

            // 版记 at the foot of the last page: in the band just above the bottom of the text area (262 mm = 743 pt),
            // not under the date (GB/T 9704-2012 7.4).
            var last = (await Run("pdfinfo", file)).Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim();
            var foot = Squeeze(await Run("pdftotext", "-f", last, "-l", last, "-x", "0", "-y", "670", "-W", "596", "-H", "80", "-enc", "UTF-8", file, "-"));
            Assert.Contains("抄送：省住房城乡建设厅", foot, StringComparison.Ordinal);
            Assert.Contains("2020年7月10日印发", foot, StringComparison.Ordinal);
            var above = Squeeze(await Run("pdftotext", "-f", last, "-l", last, "-x", "0", "-y", "0", "-W", "596", "-H", "660", "-enc", "UTF-8", file, "-"));
            Assert.DoesNotContain("印发", above, StringComparison.Ordinal);

            var fonts = (await Run("pdffonts", file)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
            Assert.NotEmpty(fonts);
            Assert.All(fonts, f => Assert.Contains(" yes ", f, StringComparison.Ordinal)); // every font embedded (emb column)
            Assert.Contains(fonts, f => f.Contains("CJK", StringComparison.Ordinal) || f.Contains("UKai", StringComparison.Ordinal) || f.Contains("UMing", StringComparison.Ordinal));

        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool IsRed(byte r, byte g, byte b) => r > 180 && g < 110 && b < 110;

    private static string Squeeze(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static string FontOf(Paragraph p) => p.Descendants<RunFonts>().First().EastAsia!.Value!;

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);

    private static async Task<string> Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} failed: {error}");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AnjuPortal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("AnjuPortal.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// A realistic 月通报 for June 2020 with generated figures of the notice's shape (docs/samples): the province's 7,471
    /// units started = 41.5 % of 18,000 and 1,823 overdue households resolved = 16.8 % of 10,850, against a time
    /// progress of 50 %. No personal data.
    /// </summary>
    public static OfficialDocument Sample()
    {
        var body = """
            截至6月底，全省棚户区改造开工7471套，完成年度计划18000套的41.5%；棚改逾期未安置问题解决1823户，完成年度计划10850户的16.8%。按时间进度（50%）衡量，两项任务均滞后，解决棚改逾期未安置问题滞后33.2个百分点，全省今年有效施工期仅剩4个月，形势十分严峻。现将有关情况通报如下。
            一、总体进展情况
            （一）棚户区改造开工情况。
            长春市开工2600套，完成年度计划的50.0%，达到时间进度；吉林市开工1395套，完成45.0%；延边州开工1012套，完成44.0%；四平市开工615套，完成41.0%；通化市开工560套，完成40.0%；白山市开工420套，完成35.0%；松原市开工377套，完成29.0%；辽源市开工252套，完成28.0%；白城市开工240套，完成21.8%。
            （二）解决棚改逾期未安置问题情况。
            长春市解决620户，完成年度计划的21.4%；吉林市解决410户，完成19.5%；延边州解决250户，完成16.7%；四平市解决160户，完成16.0%；通化市解决130户，完成14.4%；白山市解决90户，完成12.9%；松原市解决80户，完成12.3%；辽源市解决45户，完成9.0%；白城市解决38户，完成6.3%。
            二、各地进展排名
            按棚户区改造开工任务进度排名（时间进度50.0%），各地进展情况如下：
            | 排名 | 地区 | 开工（套） | 开工进度 | 解决逾期未安置（户） | 解决进度 |
            | 1 | 长春市 | 2600 | 50.0% | 620 | 21.4% |
            | 2 | 吉林市 | 1395 | 45.0% | 410 | 19.5% |
            | 3 | 延边朝鲜族自治州 | 1012 | 44.0% | 250 | 16.7% |
            | 4 | 四平市 | 615 | 41.0% | 160 | 16.0% |
            | 5 | 通化市 | 560 | 40.0% | 130 | 14.4% |
            | 6 | 白山市 | 420 | 35.0% | 90 | 12.9% |
            | 7 | 松原市 | 377 | 29.0% | 80 | 12.3% |
            | 8 | 辽源市 | 252 | 28.0% | 45 | 9.0% |
            | 9 | 白城市 | 240 | 21.8% | 38 | 6.3% |
            三、通报表扬和通报批评
            （一）通报表扬。
            长春市棚户区改造开工达到时间进度，解决棚改逾期未安置问题进度全省第一，予以通报表扬。
            （二）通报批评。
            白城市、辽源市两项任务进度均居全省后列，且连续两个月低于全省平均水平，予以通报批评，并由省保障性安居工程领导小组办公室约谈相关负责同志。
            四、下步工作要求
            各地要按照“一楼一策”“一项一案”的原则，倒排工期、挂图作战，对未开工项目和未安置问题逐项建立台账，实行销号管理。被通报批评的市要在10个工作日内向省保障性安居工程领导小组办公室报送整改措施，确保9月底前棚户区改造项目全部开工，年底前完成解决棚改逾期未安置问题年度任务。
            """;
        return new OfficialDocument(
            Header: "吉林省保障性安居工程领导小组办公室文件",
            Number: Number,
            Title: Title,
            MainRecipients: "各市（州）人民政府，长白山管委会",
            Body: NoticeBody.Lines(body),
            IssuingOffice: "吉林省保障性安居工程领导小组办公室",
            DocumentDate: new DateOnly(2020, 7, 10),
            CopyTo: ["省住房城乡建设厅", "省财政厅", "省自然资源厅"],
            PrintingOffice: "吉林省保障性安居工程领导小组办公室",
            PrintDate: new DateOnly(2020, 7, 10));
    }

    /// <summary>A binary PPM (P6) image as pdftoppm writes it: enough to count pixels of a colour.</summary>
    private sealed class Ppm(int width, int height, byte[] pixels)
    {
        public int Width { get; } = width;

        public int Height { get; } = height;

        public static Ppm Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            var position = 0;
            string Token()
            {
                while (char.IsWhiteSpace((char)bytes[position]))
                {
                    position++;
                }

                var start = position;
                while (!char.IsWhiteSpace((char)bytes[position]))
                {
                    position++;
                }

                return System.Text.Encoding.ASCII.GetString(bytes, start, position - start);
            }

            Assert.Equal("P6", Token());
            var width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
            var height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("255", Token());
            position++; // the single whitespace before the raster
            return new Ppm(width, height, bytes[position..]);
        }

        public int Count(int left, int top, int right, int bottom, Func<byte, byte, byte, bool> match)
        {
            var count = 0;
            for (var y = Math.Max(0, top); y < Math.Min(Height, bottom); y++)
            {
                for (var x = Math.Max(0, left); x < Math.Min(Width, right); x++)
                {
                    var i = ((y * Width) + x) * 3;
                    if (match(pixels[i], pixels[i + 1], pixels[i + 2]))
                    {
                        count++;
                    }
                }
            }

            return count;
        }
    }
}
