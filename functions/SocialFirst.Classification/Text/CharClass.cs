namespace SocialFirst.Classification.Text;

/// <summary>Cheap script tests on single UTF-16 code units (BMP is enough for the scripts we separate).</summary>
internal static class CharClass
{
    public static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    public static bool IsHiragana(char c) => c is >= '\u3041' and <= '\u309F';

    /// <summary>Katakana without the prolonged-sound mark (ー), which Chinese social texts borrow too.</summary>
    public static bool IsKatakana(char c) => c is (>= '\u30A0' and <= '\u30FB') or (>= '\u30FD' and <= '\u30FF') or (>= '\u31F0' and <= '\u31FF') or (>= '\uFF66' and <= '\uFF9F');

    public static bool IsKana(char c) => IsHiragana(c) || IsKatakana(c);

    public static bool IsHangul(char c) => c is (>= '\uAC00' and <= '\uD7AF') or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F');

    /// <summary>Scripts written without spaces between words (no word-boundary checks apply to them).</summary>
    public static bool IsCjk(char c) => IsHan(c) || IsKana(c) || c == '\u30FC' || IsHangul(c);

    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    public static bool IsArabic(char c) => c is >= '\u0600' and <= '\u06FF';

    public static bool IsThai(char c) => c is >= '\u0E00' and <= '\u0E7F';

    public static bool IsGreek(char c) => c is >= '\u0370' and <= '\u03FF';

    public static bool IsHebrew(char c) => c is >= '\u0590' and <= '\u05FF';

    public static bool IsDevanagari(char c) => c is >= '\u0900' and <= '\u097F';

    /// <summary>A letter or digit of a script that separates words with spaces.</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !IsCjk(c);

    /// <summary>Punctuation that ends a clause: negation and intensifiers do not reach over it.</summary>
    public static bool IsClauseBreak(char c) => c is '.' or ',' or ';' or ':' or '!' or '?' or '\n' or '。' or '、' or '…';
}
