namespace AnjuPortal.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Exception.Message"/> is shown to the user as it is (Chinese);
/// <see cref="Field"/>, when set, names the input the message belongs to.
/// </summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
