using AnjuPortal.Domain.PersonalData;

namespace AnjuPortal.TestSupport;

/// <summary>Made-up ID numbers with a correct GB 11643 check character: never a real person's number.</summary>
public static class TestIdNumbers
{
    /// <summary>A valid number for region <paramref name="region"/>, born on <paramref name="birth"/>, with sequence <paramref name="sequence"/>.</summary>
    public static string Make(string region = "220102", string birth = "19800101", int sequence = 123)
    {
        var first17 = $"{region}{birth}{sequence:000}";
        return first17 + IdCardNumber.ComputeCheckCharacter(first17);
    }

    public static IdCardNumber Parse(string region = "220102", string birth = "19800101", int sequence = 123)
        => IdCardNumber.Parse(Make(region, birth, sequence));
}
