namespace SocialFirst.Core.Cases;

/// <summary>
/// Removes personal data from a text before it is stored, for brands that ask for it (<c>Brands:{id}:RedactPii</c>).
/// The default is <see cref="RegexPiiRedactor"/>; an Azure AI Language implementation can replace it.
/// </summary>
public interface IPiiRedactor
{
    Task<string> RedactAsync(string text, string? language, CancellationToken cancellationToken);
}
