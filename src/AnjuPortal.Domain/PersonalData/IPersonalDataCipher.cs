namespace AnjuPortal.Domain.PersonalData;

/// <summary>Encrypts personal data at rest and computes the blind index used for exact-match search.</summary>
public interface IPersonalDataCipher
{
    string Protect(string plaintext);

    string Unprotect(string ciphertext);

    /// <summary>A keyed, deterministic hash: equal inputs give equal outputs; the input cannot be recovered from it.</summary>
    string BlindIndex(string plaintext);
}
