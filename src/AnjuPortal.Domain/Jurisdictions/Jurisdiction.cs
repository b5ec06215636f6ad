using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.Jurisdictions;

/// <summary>Level of a node in the administrative tree. A ministry sits above provinces so the same tree works one level up.</summary>
public enum JurisdictionLevel
{
    /// <summary>国家部委 (e.g. the Ministry of Housing), above provinces.</summary>
    Nation = 0,
    /// <summary>省 province.</summary>
    Province = 1,
    /// <summary>市（州） prefecture-level unit, including 长白山管委会.</summary>
    Prefecture = 2,
    /// <summary>县（市、区） county-level unit, including development zones.</summary>
    County = 3,
}

/// <summary>
/// A node of the administrative tree 辖区 (GB/T 2260 codes). <see cref="Path"/> is the materialized path of
/// codes from the root, e.g. <c>/220000/220100/220102/</c>: "this node and its subtree" is a prefix match,
/// which is how tenancy filters every query.
/// </summary>
public sealed class Jurisdiction
{
    private readonly List<Jurisdiction> _children = [];

    private Jurisdiction()
    {
        Code = string.Empty;
        Name = string.Empty;
        Path = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>Six-digit administrative code (行政区划代码), or a locally assigned one (长白山管委会).</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    public JurisdictionLevel Level { get; private set; }

    public int? ParentId { get; private set; }

    public Jurisdiction? Parent { get; private set; }

    public IReadOnlyCollection<Jurisdiction> Children => _children;

    public string Path { get; private set; }

    /// <summary>开发区/功能区: listed in the statistical division list but not a county-level administrative unit.</summary>
    public bool IsFunctionalZone { get; private set; }

    /// <summary>Order within the parent, as the official list orders them (reports and rankings keep this order).</summary>
    public int SortOrder { get; private set; }

    public static Jurisdiction CreateRoot(string code, string name, JurisdictionLevel level)
    {
        var node = new Jurisdiction
        {
            Code = ValidCode(code),
            Name = Guard.Required(name, nameof(Name), "辖区名称", 64),
            Level = level,
        };
        node.Path = $"/{node.Code}/";
        return node;
    }

    public Jurisdiction AddChild(string code, string name, JurisdictionLevel level, bool isFunctionalZone = false)
    {
        if (level <= Level)
        {
            throw new DomainException(DomainText.JurisdictionLevelOrder, nameof(Level));
        }

        var child = new Jurisdiction
        {
            Code = ValidCode(code),
            Name = Guard.Required(name, nameof(Name), "辖区名称", 64),
            Level = level,
            Parent = this,
            IsFunctionalZone = isFunctionalZone,
            SortOrder = _children.Count,
        };
        child.Path = $"{Path}{child.Code}/";
        _children.Add(child);
        return child;
    }

    /// <summary>True when this node is <paramref name="scopePath"/> itself or lies below it.</summary>
    public bool IsWithin(string scopePath) => Path.StartsWith(scopePath, StringComparison.Ordinal);

    private static string ValidCode(string code)
    {
        var trimmed = code?.Trim() ?? string.Empty;
        return trimmed.Length == 6 && trimmed.All(char.IsAsciiDigit)
            ? trimmed
            : throw new DomainException(DomainText.Format(DomainText.JurisdictionCodeFormat, code), nameof(Code));
    }
}
