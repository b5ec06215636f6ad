namespace AnjuPortal.Domain.Common;

internal static class Guard
{
    public static int NotNegative(int value, string field, string label)
        => value >= 0 ? value : throw new DomainException(DomainText.Format(DomainText.MustNotBeNegative, label, value), field);

    public static decimal NotNegative(decimal value, string field, string label)
        => value >= 0 ? value : throw new DomainException(DomainText.Format(DomainText.MustNotBeNegative, label, value), field);

    public static string Required(string? value, string field, string label, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException(DomainText.Format(DomainText.Required, label), field);
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException(DomainText.Format(DomainText.TooLong, label, maxLength), field);
        }

        return trimmed;
    }
}
