namespace SocialFirst.Classification.Text;

/// <summary>
/// Folds a text for matching without changing its length (offsets stay valid): lower case, typographic
/// apostrophes and full-width ASCII to ASCII, Latin diacritics stripped (social texts often drop them), and
/// optionally Traditional Chinese characters folded to Simplified so one Chinese rule set serves both scripts.
/// </summary>
internal static class TextNormalizer
{
    public static string Normalize(string text, bool foldTraditional)
    {
        return string.Create(text.Length, (text, foldTraditional), static (span, state) =>
        {
            var (source, fold) = state;
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = NormalizeChar(source[i], fold);
            }
        });
    }

    public static char NormalizeChar(char c, bool foldTraditional)
    {
        if (c < 128)
        {
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }

        switch (c)
        {
            case '\u2019' or '\u2018' or '\u00B4' or '\u02BC':
                return '\'';
            case '\u201C' or '\u201D' or '\u201E':
                return '"';
            case '\u3000':
                return ' ';
            case >= '\uFF01' and <= '\uFF5E':
                return NormalizeChar((char)(c - 0xFEE0), foldTraditional);
        }

        if (c < '\u0250')
        {
            var stripped = StripDiacritic(c);
            return char.ToLowerInvariant(stripped);
        }

        if (foldTraditional && CharClass.IsHan(c))
        {
            return ChineseScript.ToSimplified(c);
        }

        return char.ToLowerInvariant(c);
    }

    private static char StripDiacritic(char c) => c switch
    {
        'À' or 'Á' or 'Â' or 'Ã' or 'Ä' or 'Å' or 'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' or 'Ā' or 'ā' or 'Ą' or 'ą' => 'a',
        'Ç' or 'ç' or 'Ć' or 'ć' or 'Č' or 'č' => 'c',
        'Ď' or 'ď' or 'Đ' or 'đ' => 'd',
        'È' or 'É' or 'Ê' or 'Ë' or 'è' or 'é' or 'ê' or 'ë' or 'Ē' or 'ē' or 'Ę' or 'ę' or 'Ě' or 'ě' => 'e',
        'Ì' or 'Í' or 'Î' or 'Ï' or 'ì' or 'í' or 'î' or 'ï' => 'i',
        'Ñ' or 'ñ' or 'Ń' or 'ń' or 'Ň' or 'ň' => 'n',
        'Ò' or 'Ó' or 'Ô' or 'Õ' or 'Ö' or 'Ø' or 'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' => 'o',
        'Ù' or 'Ú' or 'Û' or 'Ü' or 'ù' or 'ú' or 'û' or 'ü' or 'Ů' or 'ů' => 'u',
        'Ý' or 'ý' or 'ÿ' => 'y',
        'Š' or 'š' or 'Ś' or 'ś' => 's',
        'Ž' or 'ž' or 'Ź' or 'ź' or 'Ż' or 'ż' => 'z',
        'Ř' or 'ř' => 'r',
        'Ł' or 'ł' => 'l',
        'Œ' or 'œ' => 'o',
        'Ť' or 'ť' => 't',
        _ => c,
    };
}
