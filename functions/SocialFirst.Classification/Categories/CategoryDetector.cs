using SocialFirst.Classification.SentimentScoring;
using SocialFirst.Classification.Text;
using SocialFirst.Core.Classification;

namespace SocialFirst.Classification.Categories;

/// <summary>A rule set compiled into one trie for one language; evaluates every rule in a single pass over the text.</summary>
internal sealed class CategoryDetector
{
    /// <summary>Each further rule of the same category adds this to the strongest rule's weight (capped at 0.99).</summary>
    public const double ExtraRuleBonus = 0.05;

    private const int AnySlot = -1;
    private const int NotSlot = -2;

    private readonly CompiledRule[] rules;
    private readonly TermTrie<(int Rule, int Slot)> trie = new();
    private readonly List<(string Feature, int Rule, int Slot)> features = [];

    public CategoryDetector(CategoryRuleSet set, bool foldChinese)
    {
        Version = set.Version;
        rules = new CompiledRule[set.Rules.Count];
        for (var r = 0; r < set.Rules.Count; r++)
        {
            var rule = set.Rules[r];
            rules[r] = new CompiledRule(rule, rule.All.Count);
            foreach (var term in rule.Any)
            {
                AddTerm(term, r, AnySlot, foldChinese);
            }

            for (var g = 0; g < rule.All.Count; g++)
            {
                foreach (var term in rule.All[g])
                {
                    AddTerm(term, r, g, foldChinese);
                }
            }

            foreach (var term in rule.Not)
            {
                AddTerm(term, r, NotSlot, foldChinese);
            }
        }
    }

    public string Version { get; }

    public int RuleCount => rules.Length;

    public IReadOnlyList<CategoryMatch> Detect(string original, string normalized, List<SentimentPrior> priors, List<ClassificationReason> reasons)
    {
        var matches = new List<TermMatch<(int Rule, int Slot)>>(16);
        trie.FindAll(normalized, matches);
        if (features.Count > 0)
        {
            // Each special term is computed once per text, however many rules use it.
            var url = HasFeature(original, "$url");
            var question = HasFeature(original, "$question");
            var mention = HasFeature(original, "$mention");
            var hashtags = HasFeature(original, "$hashtags");
            foreach (var (feature, rule, slot) in features)
            {
                var present = feature switch
                {
                    "$url" => url,
                    "$question" => question,
                    "$mention" => mention,
                    "$hashtags" => hashtags,
                    _ => false,
                };
                if (present)
                {
                    matches.Add(new TermMatch<(int, int)>(-1, 0, (rule, slot)));
                }
            }
        }

        if (matches.Count == 0)
        {
            return [];
        }

        var state = new RuleState[rules.Length];
        foreach (var m in matches)
        {
            var (r, slot) = m.Value;
            ref var s = ref state[r];
            switch (slot)
            {
                case AnySlot:
                    s.Any = true;
                    break;
                case NotSlot:
                    s.Not = true;
                    break;
                default:
                    s.Groups |= 1UL << slot;
                    break;
            }
        }

        Dictionary<string, (double Best, int Rules, List<string> Cues)>? categories = null;
        for (var r = 0; r < rules.Length; r++)
        {
            var s = state[r];
            var rule = rules[r];
            if (s.Not || (rule.Rule.Any.Count > 0 && !s.Any) || (rule.GroupCount > 0 && s.Groups != rule.AllGroups))
            {
                continue;
            }

            var cues = new List<string>(4);
            foreach (var m in matches)
            {
                if (m.Value.Rule == r && m.Value.Slot != NotSlot)
                {
                    var cue = m.Start < 0 ? FeatureName(rule.Rule, m.Value.Slot) : original.Substring(m.Start, m.Length);
                    if (!cues.Contains(cue, StringComparer.OrdinalIgnoreCase))
                    {
                        cues.Add(cue);
                    }
                }
            }

            categories ??= new Dictionary<string, (double, int, List<string>)>(StringComparer.Ordinal);
            if (!categories.TryGetValue(rule.Rule.Category, out var acc))
            {
                acc = (0, 0, []);
            }

            acc.Best = Math.Max(acc.Best, rule.Rule.Weight);
            acc.Rules++;
            foreach (var cue in cues)
            {
                if (!acc.Cues.Contains(cue, StringComparer.OrdinalIgnoreCase))
                {
                    acc.Cues.Add(cue);
                }
            }

            categories[rule.Rule.Category] = acc;
            reasons.Add(new ClassificationReason($"rule:{rule.Rule.Id} [{string.Join(" + ", cues)}]", "category:" + rule.Rule.Category, rule.Rule.Weight));
            if (rule.Rule.Signal is { } signal && !reasons.Exists(r => r.Towards == ClassificationSignals.Towards(signal)))
            {
                reasons.Add(new ClassificationReason("rule:" + rule.Rule.Id, ClassificationSignals.Towards(signal), 1.0));
            }

            if (rule.Rule.Sentiment != 0)
            {
                priors.Add(new SentimentPrior("rule:" + rule.Rule.Id, rule.Rule.Sentiment));
            }
        }

        if (categories is null)
        {
            return [];
        }

        return categories
            .Select(kv => new CategoryMatch(kv.Key, Math.Round(Math.Min(0.99, kv.Value.Best + (ExtraRuleBonus * (kv.Value.Rules - 1))), 4), kv.Value.Cues))
            .OrderByDescending(c => c.Confidence)
            .ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
    }

    private static string FeatureName(CategoryRule rule, int slot)
    {
        var terms = slot == AnySlot ? rule.Any : rule.All[slot];
        return terms.FirstOrDefault(t => t.StartsWith('$')) ?? "$";
    }

    private void AddTerm(string term, int rule, int slot, bool foldChinese)
    {
        if (term.StartsWith('$'))
        {
            features.Add((term, rule, slot));
            return;
        }

        trie.Add(TextNormalizer.Normalize(term.Trim(), foldChinese), (rule, slot));
    }

    internal static bool HasFeature(string text, string feature) => feature switch
    {
        "$url" => text.Contains("http://", StringComparison.OrdinalIgnoreCase) || text.Contains("https://", StringComparison.OrdinalIgnoreCase) || text.Contains("www.", StringComparison.OrdinalIgnoreCase) || text.Contains("bit.ly/", StringComparison.OrdinalIgnoreCase),
        "$question" => text.Contains('?') || text.Contains('？'),
        "$mention" => text.Contains('@'),
        "$hashtags" => text.Count(c => c == '#') >= 3,
        _ => false,
    };

    private struct RuleState
    {
        public bool Any;
        public bool Not;
        public ulong Groups;
    }

    private sealed record CompiledRule(CategoryRule Rule, int GroupCount)
    {
        public ulong AllGroups { get; } = GroupCount == 0 ? 0 : (GroupCount >= 64 ? ulong.MaxValue : (1UL << GroupCount) - 1);
    }
}
