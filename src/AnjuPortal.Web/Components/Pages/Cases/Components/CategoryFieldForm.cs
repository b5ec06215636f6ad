using System.Globalization;
using System.Reflection;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Web.Components.Shared;

namespace AnjuPortal.Web.Components.Pages.Cases.Components;

/// <summary>One category field as a form edits it: whichever of text, date, amount or choice its kind uses.</summary>
public sealed class CategoryFieldValue(CaseField field)
{
    public CaseField Field { get; } = field;
    public string? Text { get; set; }
    public DateTime? Date { get; set; }
    public decimal? Money { get; set; }
    public string? Choice { get; set; }
}

/// <summary>
/// Between <see cref="CategoryDetails"/> and the fields of a form: the values of one category's fields, and back. Values
/// of other categories are carried over untouched (the domain takes only the category's own fields anyway).
/// </summary>
public static class CategoryFieldForm
{
    private static readonly Dictionary<string, PropertyInfo> Properties =
        typeof(CategoryDetails).GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name, StringComparer.Ordinal);

    public static List<CategoryFieldValue> Values(OverdueCategory category, CategoryDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return CategoryFields.For(category).Select(f =>
        {
            var value = details.ValueOf(f.Name);
            return new CategoryFieldValue(f)
            {
                Text = value as string,
                Date = value is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : null,
                Money = value as decimal?,
                Choice = value is Enum e ? e.ToString() : null,
            };
        }).ToList();
    }

    public static CategoryDetails Details(CategoryDetails current, IEnumerable<CategoryFieldValue> values)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(values);
        var details = current with { };
        foreach (var v in values)
        {
            var property = Properties[v.Field.Name];
            object? value = v.Field.Kind switch
            {
                CaseFieldKind.Date => v.Date is { } d ? DateOnly.FromDateTime(d) : null,
                CaseFieldKind.Money => v.Money,
                CaseFieldKind.Choice => string.IsNullOrEmpty(v.Choice) ? null : Enum.Parse(v.Field.ChoiceType!, v.Choice),
                _ => string.IsNullOrWhiteSpace(v.Text) ? null : v.Text.Trim(),
            };
            property.SetValue(details, value);
        }

        return details;
    }

    /// <summary>The choices of a choice field: value name and Chinese label. A return 回迁 is never offered (the notice prescribes other ways).</summary>
    public static IEnumerable<(string Value, string Label)> Choices(CaseField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Enum.GetValues(field.ChoiceType!).Cast<Enum>()
            .Where(e => !(e is ResolutionMethod method && method == ResolutionMethod.ReturnResettlement))
            .Select(e => (e.ToString(), ChoiceLabel(e)));
    }

    public static string ChoiceLabel(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return DomainText.Named($"{value.GetType().Name}_{value}");
    }

    /// <summary>A field's value as the page shows it; null when there is none.</summary>
    public static string? Show(object? value) => value switch
    {
        null => null,
        DateOnly d => Display.Date(d),
        decimal m => Display.Money(m),
        Enum e => ChoiceLabel(e),
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString(),
    };
}
