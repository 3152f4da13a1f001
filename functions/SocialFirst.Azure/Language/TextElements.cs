using System.Globalization;

namespace SocialFirst.Azure.Language;

/// <summary>
/// Azure AI Language counts document length in text elements (grapheme clusters, <see cref="StringInfo"/>), at most
/// <see cref="MaxPerDocument"/> per document in synchronous calls. Cutting always happens at a text-element boundary,
/// so no emoji, surrogate pair or combining sequence is split.
/// </summary>
public static class TextElements
{
    /// <summary>Synchronous analyze-text limit per document.</summary>
    public const int MaxPerDocument = 5120;

    /// <summary>
    /// The first <paramref name="maxElements"/> text elements of <paramref name="text"/> (the whole text when it is
    /// shorter), and how many text elements the text has in all.
    /// </summary>
    public static (string Text, int TotalElements) Truncate(string text, int maxElements = MaxPerDocument)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxElements);

        // Every element is at least one UTF-16 unit: a short string cannot exceed the limit.
        if (text.Length <= maxElements)
        {
            return (text, new StringInfo(text).LengthInTextElements);
        }

        var span = text.AsSpan();
        var position = 0;
        var count = 0;
        var cut = -1;
        while (position < span.Length)
        {
            if (count == maxElements)
            {
                cut = position;
            }

            position += StringInfo.GetNextTextElementLength(span[position..]);
            count++;
        }

        return cut < 0 ? (text, count) : (text[..cut], count);
    }

    /// <summary>
    /// Splits <paramref name="text"/> into pieces of at most <paramref name="maxElements"/> text elements, preferring
    /// to break after whitespace in the last <paramref name="lookBack"/> elements of a piece so that a word (or an
    /// e-mail address, a phone number) is not cut in two. Concatenating the pieces gives the text back.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int maxElements = MaxPerDocument, int lookBack = 200)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxElements);
        if (text.Length <= maxElements)
        {
            return [text];
        }

        var pieces = new List<string>();
        var span = text.AsSpan();
        var start = 0;
        while (start < span.Length)
        {
            var position = start;
            var count = 0;
            var lastBreak = -1;
            var breakCount = 0;
            while (position < span.Length && count < maxElements)
            {
                var length = StringInfo.GetNextTextElementLength(span[position..]);
                position += length;
                count++;
                if (char.IsWhiteSpace(span[position - length]))
                {
                    lastBreak = position;
                    breakCount = count;
                }
            }

            var end = position < span.Length && lastBreak > start && count - breakCount <= lookBack ? lastBreak : position;
            pieces.Add(text[start..end]);
            start = end;
        }

        return pieces;
    }
}
