using SocialFirst.Classification.Text;
using SocialFirst.Core.Classification;
using Polarity = SocialFirst.Core.Classification.Sentiment;

namespace SocialFirst.Classification.SentimentScoring;

/// <summary>Evidence for or against a polarity coming from outside the lexicon (a care-category rule, for example).</summary>
internal readonly record struct SentimentPrior(string Cue, double Score);

/// <summary>What the scorer concluded, with the raw evidence behind it.</summary>
internal sealed record SentimentOutcome(Polarity Label, SentimentScores Scores, double Positive, double Negative, int Cues, bool Sarcasm)
{
    /// <summary>At least one polarity word was negated (before or after it).</summary>
    public bool Negated { get; init; }

    /// <summary>The text has a contrast word ("but", "但是", "aber"...) after its start.</summary>
    public bool Contrast { get; init; }

    /// <summary>Opposite polarities on the two sides of the contrast (the lexicon's Mixed rule).</summary>
    public bool Opposed { get; init; }
}

/// <summary>
/// Lexicon + rules sentiment scorer. Walks the lexicon matches left to right and applies: negation (a negator up to
/// three words — or three characters in Chinese/Japanese — before a polarity word flips and damps it: "not bad" is
/// mildly positive), Japanese post-negation (嬉しくない), intensifiers and diminishers, contrast (before "but"/"但是"/
/// "aber"... counts half, after it one and a half), and sarcasm markers (they add negative evidence and turn the
/// positive words of the text against it). Category rules may add priors (a safety report is negative without any
/// negative word). Both sides strong and balanced ⇒ Mixed; a weak net ⇒ Neutral.
/// </summary>
internal static class SentimentAnalyzer
{
    /// <summary>|positive − negative| below this is Neutral.</summary>
    public const double NeutralBand = 0.9;

    /// <summary>Both sides at least this strong (and balanced) is Mixed.</summary>
    public const double MixedMinimum = 1.4;

    /// <summary>The weaker side must be at least this share of the stronger one for Mixed.</summary>
    public const double MixedBalance = 0.45;

    /// <summary>Opposite polarities of at least this (unweighted) on the two sides of a contrast ⇒ Mixed ("great food, but slow delivery").</summary>
    public const double ContrastSideMinimum = 0.5;

    /// <summary>Share of the text's weight that the polarity scores can take at most; the rest stays neutral (scores are calibrated so a single complaint is not urgent by itself).</summary>
    public const double MaxPolarityMass = 0.9;

    private const int LatinScopeWords = 3;
    private const int CjkScopeChars = 3;

    public static SentimentOutcome Analyze(string normalized, LanguageLexicon lexicon, IReadOnlyList<SentimentPrior> priors, List<ClassificationReason> reasons, double damping = 1.0)
    {
        var matches = new List<TermMatch<LexiconEntry>>(16);
        lexicon.Trie.FindLongest(normalized, matches);

        var lastContrast = -1;
        var sarcasm = false;
        foreach (var m in matches)
        {
            if (m.Value.Kind == LexiconKind.Contrast && m.Start > 0)
            {
                lastContrast = m.Start;
            }
            else if (m.Value.Kind == LexiconKind.Sarcasm)
            {
                sarcasm = true;
            }
        }

        double pos = 0, neg = 0;
        double prePos = 0, preNeg = 0, postPos = 0, postNeg = 0;
        var cues = 0;
        var negated = false;
        var negEnd = -1;
        var intEnd = -1;
        var intMult = 1.0;
        var lastWordEnd = -1;
        var lastWordScore = 0.0;
        var lastWordRaw = 0.0;
        var lastWordSide = 0; // 0: no contrast in the text, 1: before it, 2: after it
        string? lastWordCue = null;

        foreach (var m in matches)
        {
            var entry = m.Value;
            var cue = normalized.Substring(m.Start, m.Length);
            switch (entry.Kind)
            {
                case LexiconKind.Negator:
                    negEnd = m.Start + m.Length;
                    break;
                case LexiconKind.Intensifier:
                    intEnd = m.Start + m.Length;
                    intMult = entry.Value;
                    break;
                case LexiconKind.Contrast:
                    negEnd = -1;
                    reasons.Add(new ClassificationReason(cue, "sentiment:contrast", 1.5));
                    break;
                case LexiconKind.Sarcasm:
                    neg += -entry.Value;
                    cues++;
                    reasons.Add(new ClassificationReason(cue, "sentiment:sarcasm", Math.Round(entry.Value, 2)));
                    break;
                case LexiconKind.PostNegator:
                    if (lastWordCue is not null && lastWordScore > 0 && InScope(normalized, lastWordEnd, m.Start, 2, lexicon.Spaced))
                    {
                        // Undo the positive word and count it reversed and damped (嬉しくない, 満足できません).
                        // Negative words already carry their own negation (二度と…ません), so they are left alone.
                        pos -= lastWordScore;
                        var flipped = -lastWordScore * 0.8;
                        Accumulate(flipped, ref pos, ref neg);

                        // The contrast tallies must see the negated word too, or 最高とは言えないけど… looks one-sided.
                        if (lastWordSide == 1)
                        {
                            prePos -= lastWordRaw;
                            Accumulate(-lastWordRaw * 0.8, ref prePos, ref preNeg);
                        }
                        else if (lastWordSide == 2)
                        {
                            postPos -= lastWordRaw;
                            Accumulate(-lastWordRaw * 0.8, ref postPos, ref postNeg);
                        }

                        negated = true;
                        reasons.Add(new ClassificationReason(lastWordCue + "+" + cue, "sentiment:negated", Math.Round(flipped, 2)));
                        lastWordCue = null;
                    }

                    break;
                default:
                    if (entry.Value == 0)
                    {
                        break;
                    }

                    var score = entry.Value;
                    var label = cue;
                    var towards = "sentiment";
                    if (negEnd >= 0 && InScope(normalized, negEnd, m.Start, lexicon.Spaced ? LatinScopeWords : CjkScopeChars, lexicon.Spaced))
                    {
                        score = score > 0 ? -score * 0.7 : -score * 0.5;
                        towards = "sentiment:negated";
                        negated = true;
                        negEnd = -1;
                    }

                    if (intEnd >= 0 && InScope(normalized, intEnd, m.Start, 2, lexicon.Spaced))
                    {
                        score *= intMult;
                        intEnd = -1;
                    }

                    lastWordSide = 0;
                    if (lastContrast >= 0)
                    {
                        // Remember the unweighted polarity on each side: opposite sides make the text Mixed.
                        lastWordRaw = score;
                        lastWordSide = m.Start < lastContrast ? 1 : 2;
                        if (m.Start < lastContrast)
                        {
                            Accumulate(score, ref prePos, ref preNeg);
                        }
                        else
                        {
                            Accumulate(score, ref postPos, ref postNeg);
                        }

                        score *= m.Start < lastContrast ? 0.5 : 1.5;
                    }

                    if (sarcasm && score > 0)
                    {
                        score = -score * 0.8;
                        towards = "sentiment:sarcastic";
                    }

                    Accumulate(score, ref pos, ref neg);
                    cues++;
                    lastWordEnd = m.Start + m.Length;
                    lastWordScore = score;
                    lastWordCue = label;
                    reasons.Add(new ClassificationReason(label, towards, Math.Round(score, 2)));
                    break;
            }
        }

        var opposed = Math.Min(prePos, postNeg) >= ContrastSideMinimum || Math.Min(preNeg, postPos) >= ContrastSideMinimum;
        foreach (var prior in priors)
        {
            Accumulate(prior.Score, ref pos, ref neg);
            cues++;
            reasons.Add(new ClassificationReason(prior.Cue, "sentiment:prior", Math.Round(prior.Score, 2)));
        }

        pos *= damping;
        neg *= damping;
        var outcome = Decide(pos, neg, cues, sarcasm, opposed && !sarcasm) with { Negated = negated, Contrast = lastContrast >= 0, Opposed = opposed };
        reasons.Add(new ClassificationReason(
            $"positive {pos:0.##} vs negative {neg:0.##}",
            "sentiment:" + outcome.Label.ToString().ToLowerInvariant(),
            Math.Round(pos - neg, 2)));
        return outcome;
    }

    public static SentimentOutcome Decide(double pos, double neg, int cues, bool sarcasm, bool opposedAcrossContrast = false)
    {
        Polarity label;
        var strong = Math.Max(pos, neg);
        var weak = Math.Min(pos, neg);
        if (opposedAcrossContrast || (weak >= MixedMinimum && weak >= MixedBalance * strong))
        {
            label = Polarity.Mixed;
        }
        else if (pos - neg >= NeutralBand)
        {
            label = Polarity.Positive;
        }
        else if (neg - pos >= NeutralBand)
        {
            label = Polarity.Negative;
        }
        else
        {
            label = Polarity.Neutral;
        }

        // Weak evidence leaves most of the mass on neutral; the rest is split by the two sides.
        var total = pos + neg;
        var neutral = Math.Max(Math.Exp(-0.35 * total), 1 - MaxPolarityMass);
        if (label == Polarity.Neutral)
        {
            neutral = Math.Max(neutral, 0.5);
        }
        else if (label != Polarity.Mixed)
        {
            neutral = Math.Min(neutral, 0.4);
        }

        double p = 0, n = 0;
        if (total > 0)
        {
            p = (1 - neutral) * pos / total;
            n = (1 - neutral) * neg / total;
        }
        else
        {
            neutral = 1;
        }

        p = Math.Round(p, 4);
        n = Math.Round(n, 4);
        var u = Math.Round(1 - p - n, 4);
        return new SentimentOutcome(label, new SentimentScores(p, u, n), pos, neg, cues, sarcasm);
    }

    private static void Accumulate(double score, ref double pos, ref double neg)
    {
        if (score > 0)
        {
            pos += score;
        }
        else
        {
            neg -= score;
        }
    }

    /// <summary>True when nothing but a few words (or characters) and no clause break lie between the two points.</summary>
    private static bool InScope(string text, int from, int to, int limit, bool spaced)
    {
        if (from < 0 || to < from)
        {
            return false;
        }

        var words = 0;
        var inWord = false;
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (CharClass.IsClauseBreak(c))
            {
                return false;
            }

            if (spaced)
            {
                var w = CharClass.IsWordChar(c) || CharClass.IsCjk(c);
                if (w && !inWord)
                {
                    words++;
                }

                inWord = w;
            }
            else if (!char.IsWhiteSpace(c))
            {
                words++;
            }
        }

        return words <= limit;
    }
}
