namespace SocialFirst.Platforms.Common;

/// <summary>
/// Formats payload values (types, verbs, field names) for Skipped/Unknown notes: short and on one line, so a hostile
/// or odd payload cannot flood logs. Notes carry ids and types only, never message text.
/// </summary>
internal static class Describe
{
    private const int MaxLength = 64;

    public static string Short(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var chars = value.Length > MaxLength ? value[..MaxLength] + "…" : value;
        return string.Create(chars.Length, chars, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}
