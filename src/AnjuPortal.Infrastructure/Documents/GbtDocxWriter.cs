using AnjuPortal.Application.Supervision;
using AnjuPortal.Domain.Supervision;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace AnjuPortal.Infrastructure.Documents;

/// <summary>
/// Writes an <see cref="OfficialDocument"/> as a .docx in the GB/T 9704-2012 layout 党政机关公文格式: A4, text area
/// 156 × 225 mm (top margin 37 mm, left 28 mm), 22 lines of 28 characters of 3号仿宋 (a line and character grid), the
/// red header 发文机关标志 35 mm below the top of the text area, the number two lines below it, the red rule 4 mm under
/// the number, the 2号小标宋 title two lines below the rule, the record block 版记 at the foot of the last page and page
/// numbers "— 1 —" in 4号宋体, odd pages right and even pages left. The font names are the standard's; where a machine
/// lacks them Word and WPS substitute by the alternate names in the font table, LibreOffice by fontconfig
/// (official-fonts.conf). docs/official-documents.md lists every measure and where it comes from.
/// </summary>
public static class GbtDocxWriter
{
    /// <summary>方正小标宋简体: the title face 标题 and the header 发文机关标志.</summary>
    public const string TitleFont = "方正小标宋简体";

    /// <summary>仿宋_GB2312: the body 正文.</summary>
    public const string BodyFont = "仿宋_GB2312";

    /// <summary>黑体: first-level headings 一、.</summary>
    public const string HeadingFont = "黑体";

    /// <summary>楷体_GB2312: second-level headings （一）.</summary>
    public const string KaiFont = "楷体_GB2312";

    /// <summary>宋体: page numbers 页码.</summary>
    public const string SongFont = "宋体";

    /// <summary>The red of the header and the rule (GB/T 9704 asks for red; this is the pure red templates use).</summary>
    public const string Red = "FF0000";

    // Page and text area in twentieths of a point (twips). 1 mm = 56.6929 twips.
    public const int PageWidth = 11906;   // 210 mm
    public const int PageHeight = 16838;  // 297 mm
    public const int MarginTop = 2098;    // 37 mm
    public const int MarginBottom = 1984; // 35 mm: 297 - 37 - 225
    public const int MarginLeft = 1588;   // 28 mm
    public const int MarginRight = 1474;  // 26 mm: 210 - 28 - 156
    public const int TextWidth = PageWidth - MarginLeft - MarginRight; // 8844 twips = 156 mm

    /// <summary>22 lines in 225 mm: 10.23 mm = 579 twips a line.</summary>
    public const int LinePitch = 579;

    public const int CharsPerLine = 28;

    /// <summary>
    /// Character pitch of the grid relative to the 16 pt body size, in 1/4096 pt: 156 mm / 28 = 15.793 pt, so
    /// (15.793 − 16) × 4096 ≈ −848, rounded down to −849 so that 28 characters always fit.
    /// </summary>
    public const int CharSpace = -849;

    public const int BodySize = 32;   // 3号 = 16 pt, in half-points
    public const int TitleSize = 44;  // 2号 = 22 pt
    public const int RecordSize = 28; // 4号 = 14 pt (版记 and page numbers)
    public const int HeaderSize = 72; // 发文机关标志: 36 pt (小初 size), narrowed to fit one line

    private const int CharWidth = TextWidth / CharsPerLine; // one body character ≈ 316 twips

    public static byte[] Write(OfficialDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            AddStyles(main);
            AddSettings(main);
            AddFontTable(main);
            var oddFooter = AddFooter(main, odd: true);
            var evenFooter = AddFooter(main, odd: false);

            var body = new Body();
            foreach (var element in Content(document))
            {
                body.Append(element);
            }

            body.Append(Section(main.GetIdOfPart(oddFooter), main.GetIdOfPart(evenFooter)));
            main.Document = new Document(body);
            main.Document.Save();
            package.PackageProperties.Title = document.Title;
            package.PackageProperties.Creator = document.IssuingOffice;
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The same .docx adapted for LibreOffice's PDF export. Word and WPS fit 28 characters of 16 pt into the 15.79 pt
    /// cells of the character grid by narrowing the advance; LibreOffice instead gives a character wider than its cell
    /// two cells, which leaves 14 characters a line. So for LibreOffice the grid keeps only its lines (22 a page) and the
    /// body's 3号 runs are condensed by 0.25 pt (15.75 pt a character: 28 fit in 156 mm, 29 do not). ADR-009.
    /// </summary>
    public static byte[] AdaptForLibreOffice(byte[] docx)
    {
        ArgumentNullException.ThrowIfNull(docx);
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var package = WordprocessingDocument.Open(stream, true))
        {
            var main = package.MainDocumentPart!;
            foreach (var grid in main.Document!.Descendants<DocGrid>())
            {
                grid.Type = DocGridValues.Lines;
                grid.CharacterSpace = null;
            }

            foreach (var properties in main.Document.Descendants<RunProperties>().Where(p => p.GetFirstChild<FontSize>()?.Val?.Value == BodySizeText))
            {
                properties.InsertBefore(new Spacing { Val = -5 }, (OpenXmlElement?)properties.GetFirstChild<CharacterScale>() ?? properties.GetFirstChild<FontSize>());
            }

            RecordBlockInTextBox(main.Document.Body!);

            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// LibreOffice 7.4 lays the floating record-block table out inline, right under the date, and ignores a w:framePr
    /// frame too. What it does anchor to the foot of the text area is a DrawingML text box (wp:anchor, vertical
    /// alignment bottom relative to the margin): for the PDF the record block's table moves into one, as wide as the
    /// text area and as high as its rows, with text wrapping above and below it. Word and WPS keep the floating table.
    /// </summary>
    private static void RecordBlockInTextBox(Body body)
    {
        var table = body.Elements<Table>().LastOrDefault(t => t.GetFirstChild<TableProperties>()?.TablePositionProperties is not null);
        if (table is null)
        {
            return;
        }

        // Height: each row is its lines of 22 pt plus the cell margins; the copy-to line wraps after 29 characters, then 26 (hanging indent).
        var height = table.Elements<TableRow>().Sum(row =>
        {
            var width = Width(row.InnerText);
            var lines = row.Descendants<TabChar>().Any() || width <= 29 ? 1 : 1 + (int)Math.Ceiling((width - 29) / 26.0);
            return (lines * RecordLine) + 120;
        });
        const long emuPerTwip = 635;
        var cx = TextWidth * emuPerTwip;
        var cy = height * emuPerTwip;
        var anchor = new Paragraph(
            "<w:p xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" " +
            "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">" +
            "<w:pPr><w:snapToGrid w:val=\"false\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/></w:pPr><w:r><w:drawing>" +
            "<wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"2\" behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"0\">" +
            "<wp:simplePos x=\"0\" y=\"0\"/><wp:positionH relativeFrom=\"margin\"><wp:align>center</wp:align></wp:positionH>" +
            "<wp:positionV relativeFrom=\"margin\"><wp:align>bottom</wp:align></wp:positionV>" +
            $"<wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:wrapTopAndBottom/><wp:docPr id=\"9704\" name=\"版记\"/><wp:cNvGraphicFramePr/>" +
            "<a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:wsp><wps:cNvSpPr txBox=\"1\"/>" +
            $"<wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>" +
            "<wps:txbx><w:txbxContent><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/></w:pPr></w:p></w:txbxContent></wps:txbx>" +
            "<wps:bodyPr rot=\"0\" vert=\"horz\" wrap=\"square\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"b\"><a:spAutoFit/></wps:bodyPr></wps:wsp>" +
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>");
        var inline = (Table)table.CloneNode(true);
        inline.GetFirstChild<TableProperties>()!.TablePositionProperties!.Remove();
        var content = anchor.Descendants<TextBoxContent>().Single();
        content.PrependChild(inline);
        table.InsertBeforeSelf(anchor);
        table.Remove();
    }

    private static readonly string BodySizeText = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<OpenXmlElement> Content(OfficialDocument d)
    {
        // 版头: the header 35 mm below the top of the text area, red, centred, narrowed to fit one line.
        yield return Para(
            new ParagraphProperties(
                new SnapToGrid { Val = false },
                new SpacingBetweenLines { Before = Twips(1984), After = "0", Line = "1000", LineRule = LineSpacingRuleValues.Exact },
                new Justification { Val = JustificationValues.Center }),
            Run(d.Header, TitleFont, HeaderSize, color: Red, widthPercent: HeaderWidthPercent(d.Header)));

        // 发文字号 two lines below the header, centred; the red rule 4 mm below it, as wide as the text area.
        yield return Para(
            new ParagraphProperties(
                new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 16, Space = 11, Color = Red }),
                new SpacingBetweenLines { Before = Twips(2 * LinePitch), After = "0", Line = Twips(LinePitch), LineRule = LineSpacingRuleValues.Exact },
                new Justification { Val = JustificationValues.Center }),
            Run(d.Number ?? string.Empty, BodyFont, BodySize));

        // 标题 two lines below the rule, 2号小标宋, centred (long titles wrap within the text area).
        yield return Para(
            new ParagraphProperties(
                new SnapToGrid { Val = false },
                new SpacingBetweenLines { Before = Twips(2 * LinePitch), After = "0", Line = Twips(LinePitch), LineRule = LineSpacingRuleValues.Exact },
                new Justification { Val = JustificationValues.Center }),
            Run(d.Title, TitleFont, TitleSize));

        // 主送机关 one line below the title, flush left, ending in a full-width colon.
        var recipients = d.MainRecipients.TrimEnd('：', ':');
        yield return BodyPara(recipients + "：", BodyFont, firstLineIndent: false, before: LinePitch);

        var blocks = NoticeBody.Blocks(d.Body).ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            OpenXmlElement element = block switch
            {
                BodyTable table => BodyTable(table),
                BodyLine { Kind: BodyLineKind.Heading1 } line => BodyPara(line.Text, HeadingFont, firstLineIndent: true),
                BodyLine { Kind: BodyLineKind.Heading2 } line => BodyPara(line.Text, KaiFont, firstLineIndent: true),
                BodyLine line => BodyPara(line.Text, BodyFont, firstLineIndent: true),
                _ => throw new InvalidOperationException("Unknown body block " + block.GetType().Name),
            };

            // The body's last line stays on the page of the signature (GB/T 9704 7.3.5.1: no page of signature and date alone).
            if (i == blocks.Count - 1 && element is Paragraph last)
            {
                last.ParagraphProperties!.PrependChild(new KeepNext());
            }

            yield return element;
        }

        // 发文机关署名 one line below the body, 成文日期 under it two characters further right (GB/T 9704 7.3.5.2).
        var date = OfficialDocument.ChineseDate(d.DocumentDate);
        var (signatureStart, dateStart) = SignaturePlacement(Width(d.IssuingOffice), Width(date));
        var signature = Positioned(d.IssuingOffice, signatureStart, before: LinePitch);
        signature.ParagraphProperties!.PrependChild(new KeepNext()); // never a signature at the foot of one page and its date on the next
        yield return signature;
        yield return Positioned(date, dateStart, before: 0);

        yield return RecordBlock(d);

        // A document ends with a paragraph (Word adds one after a closing table anyway); empty and one grid line high.
        yield return new Paragraph(new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0", Line = "20", LineRule = LineSpacingRuleValues.Exact }));
    }

    /// <summary>
    /// 版记 at the foot of the last page: 抄送 and the printing line 印发机关 … 印发日期, 4号仿宋, indented one character on
    /// each side, between a thick rule (0.35 mm) above, a thin rule (0.25 mm) between and a thick rule below, the
    /// printing line on the last line of the page. A one-column floating table anchored to the bottom of the text area
    /// (Word, WPS and LibreOffice all place it; a frame from w:framePr is ignored by LibreOffice).
    /// </summary>
    private static Table RecordBlock(OfficialDocument d)
    {
        const int indent = 280; // one 4号 character
        // 0.2 mm narrower than the text area: LibreOffice keeps a floating table that fills the whole width inline.
        const int width = TextWidth - 10;
        var table = new Table(
            new TableProperties(
                new TablePositionProperties
                {
                    LeftFromText = 0, RightFromText = 0, TopFromText = 0, BottomFromText = 0,
                    VerticalAnchor = VerticalAnchorValues.Margin, HorizontalAnchor = HorizontalAnchorValues.Margin,
                    TablePositionXAlignment = HorizontalAlignmentValues.Center, TablePositionYAlignment = VerticalAlignmentValues.Bottom,
                },
                new TableWidth { Width = Twips(width), Type = TableWidthUnitValues.Dxa },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = "60", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "60", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa }),
                new TableLook { Val = "0000" }),
            new TableGrid(new GridColumn { Width = Twips(width) }));

        var rows = new List<(Paragraph Paragraph, bool First)>();
        if (d.CopyTo.Count > 0)
        {
            // 回行时与冒号后的首字对齐: a hanging indent as wide as the label.
            const string label = "抄送：";
            rows.Add((new Paragraph(
                RecordParagraph(new Indentation { Left = Twips(indent + (label.Length * indent)), Hanging = Twips(label.Length * indent), Right = Twips(indent) }),
                Run(label + string.Join("，", d.CopyTo) + "。", BodyFont, RecordSize)), true));
        }

        var print = new Paragraph(
            RecordParagraph(new Indentation { Left = Twips(indent), Right = Twips(indent) }, new TabStop { Val = TabStopValues.Right, Position = width - indent }),
            Run(d.PrintingOffice, BodyFont, RecordSize),
            new Run(RunProps(BodyFont, RecordSize), new TabChar()),
            Run(OfficialDocument.ChineseDate(d.PrintDate) + "印发", BodyFont, RecordSize));
        rows.Add((print, rows.Count == 0));

        for (var i = 0; i < rows.Count; i++)
        {
            var last = i == rows.Count - 1;
            var borders = new TableCellBorders(
                new TopBorder { Val = BorderValues.Single, Size = rows[i].First ? 8u : 6u, Space = 0, Color = "000000" },
                new LeftBorder { Val = BorderValues.Nil },
                new BottomBorder { Val = BorderValues.Single, Size = last ? 8u : 6u, Space = 0, Color = "000000" },
                new RightBorder { Val = BorderValues.Nil });
            table.Append(new TableRow(new TableCell(new TableCellProperties(new TableCellWidth { Width = Twips(width), Type = TableWidthUnitValues.Dxa }, borders), rows[i].Paragraph)));
        }

        return table;
    }

    /// <summary>Tables in the body: 小四 (12 pt) 仿宋, so that a ranking of eight columns fits the 156 mm text area.</summary>
    public const int TableSize = 24;

    /// <summary>One line of a table cell: 12 pt on an 18 pt line.</summary>
    private const int TableLine = 360;

    /// <summary>
    /// A table of the body (表格): as wide as the text area, every cell ruled (0.5 pt), the header row bold and repeated
    /// at the top of each page the table runs onto, no row split across pages, cells centred. Columns are as wide as
    /// their longest text asks (at least two characters), scaled to the text area.
    /// </summary>
    private static Table BodyTable(BodyTable source)
    {
        var columns = Math.Max(1, source.ColumnCount);
        var rows = new[] { source.Header }.Concat(source.Rows).ToList();
        var wants = Enumerable.Range(0, columns)
            .Select(c => Math.Clamp(rows.Max(r => c < r.Count ? Width(r[c]) : 0), 2.0, 10.0) + 1.0)
            .ToList();
        var total = wants.Sum();
        var widths = wants.Select(w => (int)Math.Floor(TextWidth * w / total)).ToList();
        widths[^1] += TextWidth - widths.Sum();

        BorderType Rule<TBorder>() where TBorder : BorderType, new() => new TBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" };
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = Twips(TextWidth), Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(Rule<TopBorder>(), Rule<LeftBorder>(), Rule<BottomBorder>(), Rule<RightBorder>(), Rule<InsideHorizontalBorder>(), Rule<InsideVerticalBorder>()),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 57, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 57, Type = TableWidthValues.Dxa }),
                new TableLook { Val = "0000" }),
            new TableGrid(widths.Select(w => new GridColumn { Width = Twips(w) })));

        for (var r = 0; r < rows.Count; r++)
        {
            var header = r == 0;
            var rowProperties = new TableRowProperties(new CantSplit());
            if (header)
            {
                rowProperties.Append(new TableHeader());
            }

            var row = new TableRow(rowProperties);
            for (var c = 0; c < columns; c++)
            {
                var text = c < rows[r].Count ? rows[r][c] : string.Empty;
                var run = Run(text, BodyFont, TableSize);
                if (header)
                {
                    run.RunProperties!.InsertAfter(new Bold(), run.RunProperties.GetFirstChild<RunFonts>());
                }

                row.Append(new TableCell(
                    new TableCellProperties(new TableCellWidth { Width = Twips(widths[c]), Type = TableWidthUnitValues.Dxa }, new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                    new Paragraph(
                        new ParagraphProperties(
                            new SnapToGrid { Val = false },
                            new SpacingBetweenLines { Before = "0", After = "0", Line = Twips(TableLine), LineRule = LineSpacingRuleValues.Exact },
                            new Indentation { Left = "0", FirstLine = "0" },
                            new Justification { Val = JustificationValues.Center }),
                        run)));
            }

            table.Append(row);
        }

        return table;
    }

    /// <summary>One line of the record block: 4号 (14 pt) on a 22 pt line.</summary>
    private const int RecordLine = 440;

    private static ParagraphProperties RecordParagraph(Indentation indentation, TabStop? tab = null)
    {
        var properties = new ParagraphProperties();
        if (tab is not null)
        {
            properties.Append(new Tabs(tab));
        }

        properties.Append(
            new SnapToGrid { Val = false },
            new SpacingBetweenLines { Before = "0", After = "0", Line = Twips(RecordLine), LineRule = LineSpacingRuleValues.Exact },
            indentation,
            new Justification { Val = JustificationValues.Left });
        return properties;
    }

    /// <summary>
    /// Where the signature and the date start, in characters from the left: the signature ends two characters from
    /// the right; the date starts two characters right of the signature's first character; if the date is then too
    /// long, it ends two characters from the right and the signature moves left to keep the two-character offset.
    /// </summary>
    public static (double SignatureStart, double DateStart) SignaturePlacement(double signatureWidth, double dateWidth)
    {
        var signatureStart = CharsPerLine - 2 - signatureWidth;
        var dateStart = signatureStart + 2;
        if (dateStart + dateWidth > CharsPerLine - 2)
        {
            dateStart = CharsPerLine - 2 - dateWidth;
            signatureStart = dateStart - 2;
        }

        return (Math.Max(0, signatureStart), Math.Max(0, dateStart));
    }

    /// <summary>Width in body characters: CJK and full-width characters one, ASCII (the date's Arabic numerals) a half.</summary>
    public static double Width(string text) => text.Sum(c => c < 0x2E80 ? 0.5 : 1.0);

    /// <summary>The header is narrowed (character scale) so that it stays on one line of the 156 mm text area.</summary>
    public static int HeaderWidthPercent(string header)
    {
        var fullWidth = Width(header) * HeaderSize / 2.0 * 20; // twips at 100 %
        var fits = (int)Math.Floor(TextWidth * 0.98 / Math.Max(fullWidth, 1) * 100);
        return Math.Clamp(fits, 33, 100);
    }

    private static Paragraph BodyPara(string text, string font, bool firstLineIndent, int before = 0)
        => Para(
            new ParagraphProperties(
                new SpacingBetweenLines { Before = Twips(before), After = "0", Line = Twips(LinePitch), LineRule = LineSpacingRuleValues.Exact },
                firstLineIndent ? new Indentation { FirstLineChars = 200, FirstLine = Twips(2 * CharWidth) } : new Indentation { Left = "0", FirstLine = "0" },
                new Justification { Val = JustificationValues.Both }),
            Run(text, font, BodySize));

    private static Paragraph Positioned(string text, double startChars, int before)
        => Para(
            new ParagraphProperties(
                new SpacingBetweenLines { Before = Twips(before), After = "0", Line = Twips(LinePitch), LineRule = LineSpacingRuleValues.Exact },
                new Indentation { LeftChars = (int)Math.Round(startChars * 100), Left = Twips((int)Math.Round(startChars * CharWidth)) },
                new Justification { Val = JustificationValues.Left }),
            Run(text, BodyFont, BodySize));

    private static Paragraph Para(ParagraphProperties properties, Run run) => new(properties, run);

    private static Run Run(string text, string font, int size, string? color = null, int? widthPercent = null)
        => new(RunProps(font, size, color, widthPercent), new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static RunProperties RunProps(string font, int size, string? color = null, int? widthPercent = null)
    {
        var properties = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font });
        if (color is not null)
        {
            properties.Append(new Color { Val = color });
        }

        if (widthPercent is { } percent and < 100)
        {
            properties.Append(new CharacterScale { Val = percent });
        }

        properties.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        properties.Append(new FontSizeComplexScript { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return properties;
    }

    private static SectionProperties Section(string oddFooterId, string evenFooterId)
        => new(
            new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooterId },
            new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooterId },
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin
            {
                Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight,
                Header = 851,
                // The page number's dash sits 7 mm below the text area: 35 − 7 mm to the top of a 14 pt line.
                Footer = 1304,
                Gutter = 0,
            },
            new Columns { Space = "425" },
            new DocGrid { Type = DocGridValues.LinesAndChars, LinePitch = LinePitch, CharacterSpace = CharSpace });

    /// <summary>页码: "— n —" in 4号宋体 with half-width Arabic numerals; odd pages right, even pages left, one character in.</summary>
    private static FooterPart AddFooter(MainDocumentPart main, bool odd)
    {
        var part = main.AddNewPart<FooterPart>();
        var paragraph = new Paragraph(
            new ParagraphProperties(
                new SnapToGrid { Val = false },
                new SpacingBetweenLines { Before = "0", After = "0", Line = "280", LineRule = LineSpacingRuleValues.AtLeast },
                odd ? new Indentation { Right = "280" } : new Indentation { Left = "280" },
                new Justification { Val = odd ? JustificationValues.Right : JustificationValues.Left }),
            Run("— ", SongFont, RecordSize),
            new Run(RunProps(SongFont, RecordSize), new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(RunProps(SongFont, RecordSize), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(RunProps(SongFont, RecordSize), new FieldChar { FieldCharType = FieldCharValues.Separate }),
            Run("1", SongFont, RecordSize),
            new Run(RunProps(SongFont, RecordSize), new FieldChar { FieldCharType = FieldCharValues.End }),
            Run(" —", SongFont, RecordSize));
        part.Footer = new Footer(paragraph);
        part.Footer.Save();
        return part;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = BodyFont, HighAnsi = BodyFont, EastAsia = BodyFont, ComplexScript = BodyFont },
                    new Kern { Val = 2 },
                    new FontSize { Val = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    new FontSizeComplexScript { Val = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    new Languages { Val = "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { Before = "0", After = "0" },
                    new Justification { Val = JustificationValues.Both }))),
            // The size is repeated in the Normal style: LibreOffice takes the grid's character pitch from the Normal
            // style's East Asian size plus charSpace (not from the document defaults), and would otherwise start from 12 pt.
            new Style(
                new StyleName { Val = "Normal" },
                new PrimaryStyle(),
                new StyleRunProperties(
                    new RunFonts { Ascii = BodyFont, HighAnsi = BodyFont, EastAsia = BodyFont, ComplexScript = BodyFont },
                    new FontSize { Val = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    new FontSizeComplexScript { Val = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            { Type = StyleValues.Paragraph, Default = true, StyleId = "Normal" });
        part.Styles.Save();
    }

    private static void AddSettings(MainDocumentPart main)
    {
        var part = main.AddNewPart<DocumentSettingsPart>();
        part.Settings = new Settings(
            new Zoom { Percent = "100" },
            new DefaultTabStop { Val = 420 },
            new EvenAndOddHeaders(),
            new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation },
            new Compatibility(new CompatibilitySetting
            {
                Name = CompatSettingNameValues.CompatibilityMode,
                Uri = "http://schemas.microsoft.com/office/word",
                Val = "15",
            }));
        part.Settings.Save();
    }

    /// <summary>The standard's faces with the alternate names Word and WPS fall back to on a Windows machine without them.</summary>
    private static void AddFontTable(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        part.Fonts = new Fonts(
            Font(TitleFont, "宋体"),
            Font(BodyFont, "仿宋"),
            Font(HeadingFont, "SimHei"),
            Font(KaiFont, "楷体"),
            Font(SongFont, "SimSun"));
        part.Fonts.Save();
    }

    private static Font Font(string name, string alternate)
        => new(
            new AltName { Val = alternate },
            new FontCharSet { Val = "86" }, // GB2312
            new FontFamily { Val = FontFamilyValues.Roman },
            new Pitch { Val = FontPitchValues.Variable })
        { Name = name };

    private static string Twips(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
