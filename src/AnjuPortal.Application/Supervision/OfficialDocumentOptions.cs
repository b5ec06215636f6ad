namespace AnjuPortal.Application.Supervision;

/// <summary>
/// Configuration section <c>OfficialDocuments</c>: the offices that issue notices, each with its prefix 发文机关代字
/// (the 吉安居办 of 吉安居办〔2026〕18号), its header 发文机关标志 and its printing office 印发机关. A notice names its
/// issuing office; the office's prefix is read when the notice is issued and kept on it.
/// </summary>
public sealed class OfficialDocumentOptions
{
    public const string Section = "OfficialDocuments";

    /// <summary>The office the province's notices come from unless configured otherwise.</summary>
    public static IssuingOfficeOptions JilinAnjuOffice => new()
    {
        Name = "吉林省保障性安居工程领导小组办公室",
        Prefix = "吉安居办",
        Header = "吉林省保障性安居工程领导小组办公室文件",
        PrintingOffice = "吉林省保障性安居工程领导小组办公室",
    };

    /// <summary>The issuing offices; the first is the default of a new draft. Empty in configuration: <see cref="JilinAnjuOffice"/>.</summary>
    public List<IssuingOfficeOptions> Offices { get; set; } = [];

    public IReadOnlyList<IssuingOfficeOptions> EffectiveOffices => Offices.Count > 0 ? Offices : [JilinAnjuOffice];

    public IssuingOfficeOptions? Office(string? name)
        => EffectiveOffices.FirstOrDefault(o => string.Equals(o.Name.Trim(), name?.Trim(), StringComparison.Ordinal));

    /// <summary>Command (on the PATH or a full path) that converts .docx to PDF: LibreOffice's <c>soffice</c> (ADR-009).</summary>
    public string OfficeCommand { get; set; } = "soffice";

    /// <summary>How long one conversion may take before it is abandoned.</summary>
    public int ConversionTimeoutSeconds { get; set; } = 120;
}

/// <summary>One issuing office 发文机关.</summary>
public sealed class IssuingOfficeOptions
{
    /// <summary>发文机关署名: the full name, as signed under the body.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>发文机关代字, e.g. 吉安居办.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>发文机关标志: the red header, the office's name followed by 文件 (GB/T 9704-2012 7.2.1).</summary>
    public string Header { get; set; } = string.Empty;

    /// <summary>印发机关 in the record block 版记: usually the office itself or its general office.</summary>
    public string PrintingOffice { get; set; } = string.Empty;
}
