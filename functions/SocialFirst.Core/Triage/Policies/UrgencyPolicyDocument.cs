using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SocialFirst.Core.Classification;

namespace SocialFirst.Core.Triage.Policies;

/// <summary>
/// Reads a brand's urgency policy from its JSON document (format in docs/urgency.md, "Policy documents"). Validation is
/// strict: unknown or repeated properties, values out of range, unknown categories, invalid expressions or time zones
/// and duplicate rule ids are all refused, each with a message naming its JSON path. Properties left out keep the
/// values of <see cref="UrgencyPolicy.Default"/>.
/// </summary>
public static partial class UrgencyPolicyDocument
{
    /// <summary>Longest document accepted (characters).</summary>
    public const int MaxLength = 256 * 1024;

    private static readonly string[] TopLevel =
    [
        "version", "brand", "description", "threshold", "unansweredAgeFullHours", "reachFloorFollowers", "reachFullFollowers",
        "combineMinorCategoriesByMax", "weights", "categoryWeights", "alwaysEscalate", "neverEscalate", "vip", "watchList",
        "keywordRules", "quietHours",
    ];

    /// <summary>Largest follower count accepted for the reach curve's ends.</summary>
    private const double MaxFollowers = 1_000_000_000;

    private static readonly string[] WeightNames = ["sentiment", "reach", "repeatContact", "unansweredAge", "spike", "vip", "watchList"];

    public static PolicyParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
        {
            return Refused(null, $"$: the document is longer than {MaxLength} characters");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return Refused(null, string.Create(CultureInfo.InvariantCulture, $"$: not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1})"));
        }

        using (doc)
        {
            var reader = new Reader();
            var policy = reader.Read(doc.RootElement);
            return reader.Errors.Count == 0 && policy is not null
                ? new PolicyParseResult(policy, reader.Brand, [])
                : new PolicyParseResult(null, reader.Brand, reader.Errors);
        }
    }

    private static PolicyParseResult Refused(string? brand, string error) => new(null, brand, [error]);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BrandPattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,39}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RuleIdPattern();

    [GeneratedRegex("^(\\*|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LanguagePattern();

    [GeneratedRegex("^([a-z]+:[^\\s:][^\\s]*|@[A-Za-z0-9_.]{1,64})$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AuthorPattern();

    /// <summary>Collects errors while reading one document.</summary>
    private sealed class Reader
    {
        public List<string> Errors { get; } = [];

        public string? Brand { get; private set; }

        public UrgencyPolicy? Read(JsonElement root)
        {
            if (!Object(root, "$", TopLevel))
            {
                return null;
            }

            var d = UrgencyPolicy.Default;
            string? version = null;
            if (!root.TryGetProperty("version", out var v))
            {
                Errors.Add("$.version: required (a string such as \"acme-3\")");
            }
            else if (String(v, "$.version") is { } text)
            {
                if (VersionPattern().IsMatch(text))
                {
                    version = text;
                }
                else
                {
                    Errors.Add("$.version: 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit");
                }
            }

            if (root.TryGetProperty("brand", out var b) && String(b, "$.brand") is { } brand)
            {
                if (BrandPattern().IsMatch(brand))
                {
                    Brand = brand;
                }
                else
                {
                    Errors.Add("$.brand: a brand id is 1–40 lower-case letters, digits or hyphens");
                }
            }

            if (root.TryGetProperty("description", out var desc))
            {
                String(desc, "$.description");
            }

            var policy = d with
            {
                Version = version ?? d.Version,
                Threshold = Number(root, "threshold", "$", 0, 1) ?? d.Threshold,
                UnansweredAgeFullHours = Number(root, "unansweredAgeFullHours", "$", 0.5, 24 * 30) ?? d.UnansweredAgeFullHours,
                CombineMinorCategoriesByMax = root.TryGetProperty("combineMinorCategoriesByMax", out var combine)
                    ? Bool(combine, "$.combineMinorCategoriesByMax")
                    : d.CombineMinorCategoriesByMax,
            };

            policy = Reach(root, policy);

            if (root.TryGetProperty("weights", out var weights) && Object(weights, "$.weights", WeightNames))
            {
                policy = policy with
                {
                    SentimentWeight = Number(weights, "sentiment", "$.weights", 0, 1) ?? d.SentimentWeight,
                    ReachWeight = Number(weights, "reach", "$.weights", 0, 1) ?? d.ReachWeight,
                    RepeatContactWeight = Number(weights, "repeatContact", "$.weights", 0, 1) ?? d.RepeatContactWeight,
                    UnansweredAgeWeight = Number(weights, "unansweredAge", "$.weights", 0, 1) ?? d.UnansweredAgeWeight,
                    SpikeWeight = Number(weights, "spike", "$.weights", 0, 1) ?? d.SpikeWeight,
                    VipWeight = Number(weights, "vip", "$.weights", 0, 1) ?? d.VipWeight,
                    WatchListWeight = Number(weights, "watchList", "$.weights", 0, 1) ?? d.WatchListWeight,
                };
            }

            if (root.TryGetProperty("categoryWeights", out var cw) && Object(cw, "$.categoryWeights", CareCategory.All))
            {
                var merged = new Dictionary<string, double>(d.CategoryWeights, StringComparer.Ordinal);
                foreach (var p in cw.EnumerateObject())
                {
                    if (Number(cw, p.Name, "$.categoryWeights", 0, 1) is { } w)
                    {
                        merged[p.Name] = w;
                    }
                }

                policy = policy with { CategoryWeights = merged };
            }

            var always = Categories(root, "alwaysEscalate") ?? d.AlwaysEscalate;
            var never = Categories(root, "neverEscalate") ?? d.NeverEscalate;
            foreach (var both in always.Intersect(never).Order(StringComparer.Ordinal))
            {
                Errors.Add($"$.neverEscalate: '{both}' is also in $.alwaysEscalate");
            }

            policy = policy with { AlwaysEscalate = always, NeverEscalate = never };

            if (root.TryGetProperty("vip", out var vip) && Object(vip, "$.vip", ["authors", "alwaysEscalate"]))
            {
                policy = policy with
                {
                    Vip = Authors(vip, "$.vip") ?? d.Vip,
                    VipAlwaysEscalates = vip.TryGetProperty("alwaysEscalate", out var ae) && Bool(ae, "$.vip.alwaysEscalate"),
                };
            }

            if (root.TryGetProperty("watchList", out var watch) && Object(watch, "$.watchList", ["keywords", "authors"]))
            {
                policy = policy with
                {
                    WatchAuthors = Authors(watch, "$.watchList") ?? d.WatchAuthors,
                    WatchKeywords = Keywords(watch) ?? d.WatchKeywords,
                };
            }

            if (root.TryGetProperty("keywordRules", out var rules))
            {
                policy = policy with { KeywordRules = Rules(rules) };
            }

            if (root.TryGetProperty("quietHours", out var quiet))
            {
                policy = policy with { QuietHours = Quiet(quiet) };
            }

            return Errors.Count == 0 ? policy : null;
        }

        /// <summary>
        /// Reads the ends of the reach curve. Either may be left out (it keeps its default); the floor must stay below
        /// the full-strength count, compared with the default of the end not given.
        /// </summary>
        private UrgencyPolicy Reach(JsonElement root, UrgencyPolicy policy)
        {
            var before = Errors.Count;
            var floor = Number(root, "reachFloorFollowers", "$", 0, MaxFollowers);
            var full = Number(root, "reachFullFollowers", "$", 0, MaxFollowers);
            if (Errors.Count != before || (floor is null && full is null))
            {
                return policy;
            }

            var f = floor ?? policy.ReachFloorFollowers;
            var u = full ?? policy.ReachFullFollowers;
            if (f < u)
            {
                return policy with { ReachFloorFollowers = f, ReachFullFollowers = u };
            }

            Errors.Add((floor, full) switch
            {
                ({ }, { }) => string.Create(CultureInfo.InvariantCulture, $"$.reachFloorFollowers: {f} is not below $.reachFullFollowers ({u})"),
                ({ }, null) => string.Create(CultureInfo.InvariantCulture, $"$.reachFloorFollowers: {f} is not below the default reachFullFollowers ({u}); set $.reachFullFollowers too"),
                _ => string.Create(CultureInfo.InvariantCulture, $"$.reachFullFollowers: {u} is not above the default reachFloorFollowers ({f}); set $.reachFloorFollowers too"),
            });
            return policy;
        }

        private List<KeywordRule> Rules(JsonElement rules)
        {
            var result = new List<KeywordRule>();
            if (rules.ValueKind != JsonValueKind.Object)
            {
                Errors.Add("$.keywordRules: expected an object of language → array of rules");
                return result;
            }

            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            var seenLanguages = new HashSet<string>(StringComparer.Ordinal);
            foreach (var language in rules.EnumerateObject())
            {
                var path = "$.keywordRules." + language.Name;
                if (!seenLanguages.Add(language.Name))
                {
                    Errors.Add(path + ": repeated property");
                    continue;
                }

                if (!LanguagePattern().IsMatch(language.Name))
                {
                    Errors.Add(path + ": a language is a lower-case BCP-47 tag such as \"en\" or \"zh-Hans\", or \"*\" for all");
                    continue;
                }

                if (language.Value.ValueKind != JsonValueKind.Array)
                {
                    Errors.Add(path + ": expected an array of rules");
                    continue;
                }

                var index = 0;
                foreach (var r in language.Value.EnumerateArray())
                {
                    var rulePath = string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]");
                    if (Rule(r, rulePath, language.Name) is not { } rule)
                    {
                        continue;
                    }

                    if (ids.TryGetValue(rule.Id, out var first))
                    {
                        Errors.Add($"{rulePath}.id: '{rule.Id}' is already used at {first}");
                        continue;
                    }

                    ids[rule.Id] = rulePath;
                    result.Add(rule);
                }
            }

            return result;
        }

        private KeywordRule? Rule(JsonElement r, string path, string language)
        {
            if (!Object(r, path, ["id", "phrase", "regex", "weight", "category"]))
            {
                return null;
            }

            var before = Errors.Count;
            string? id = null;
            if (!r.TryGetProperty("id", out var idElement))
            {
                Errors.Add(path + ".id: required");
            }
            else if (String(idElement, path + ".id") is { } idText)
            {
                if (RuleIdPattern().IsMatch(idText))
                {
                    id = idText;
                }
                else
                {
                    Errors.Add(path + ".id: 1–40 lower-case letters, digits, '_' or '-', starting with a letter");
                }
            }

            var hasPhrase = r.TryGetProperty("phrase", out var phrase);
            var hasRegex = r.TryGetProperty("regex", out var regex);
            PolicyPattern? pattern = null;
            if (hasPhrase == hasRegex)
            {
                Errors.Add(path + ": give exactly one of \"phrase\" and \"regex\"");
            }
            else if (hasPhrase && String(phrase, path + ".phrase") is { } p)
            {
                if (string.IsNullOrWhiteSpace(p) || p.Length > 200)
                {
                    Errors.Add(path + ".phrase: 1–200 characters, not only spaces");
                }
                else
                {
                    pattern = PolicyPattern.Phrase(p);
                }
            }
            else if (hasRegex && String(regex, path + ".regex") is { } x)
            {
                pattern = Expression(x, path + ".regex");
            }

            var weight = Number(r, "weight", path, 0, 1);
            if (!r.TryGetProperty("weight", out _))
            {
                Errors.Add(path + ".weight: required (0..1)");
            }

            string? category = null;
            if (r.TryGetProperty("category", out var c) && String(c, path + ".category") is { } cat)
            {
                if (CareCategory.All.Contains(cat))
                {
                    category = cat;
                }
                else
                {
                    Errors.Add($"{path}.category: unknown category '{cat}' (known: {string.Join(", ", CareCategory.All)})");
                }
            }

            return Errors.Count == before && id is not null && pattern is not null && weight is { } w
                ? new KeywordRule(id, language, pattern, w, category)
                : null;
        }

        private PolicyPattern? Expression(string pattern, string path)
        {
            if (pattern.Length is 0 or > 500)
            {
                Errors.Add(path + ": 1–500 characters");
                return null;
            }

            try
            {
                var compiled = PolicyPattern.Expression(pattern);
                if (Regex.IsMatch(string.Empty, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, PolicyPattern.MatchTimeout))
                {
                    Errors.Add(path + ": matches the empty text, so it would match every mention");
                    return null;
                }

                return compiled;
            }
            catch (ArgumentException ex)
            {
                Errors.Add($"{path}: invalid regular expression ({ex.Message})");
                return null;
            }
        }

        private QuietHours? Quiet(JsonElement q)
        {
            const string path = "$.quietHours";
            if (q.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (!Object(q, path, ["timeZone", "from", "to"]))
            {
                return null;
            }

            TimeZoneInfo? zone = null;
            if (!q.TryGetProperty("timeZone", out var tz))
            {
                Errors.Add(path + ".timeZone: required (an IANA id such as \"Europe/Ljubljana\")");
            }
            else if (String(tz, path + ".timeZone") is { } id)
            {
                if (id.Length == 0 || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone))
                {
                    Errors.Add($"{path}.timeZone: unknown time zone '{id}' (use an IANA id such as \"Europe/Ljubljana\")");
                }
            }

            var from = Time(q, "from", path);
            var to = Time(q, "to", path);
            if (from is not null && from == to)
            {
                Errors.Add(path + ": \"from\" and \"to\" are equal; leave quietHours out instead");
            }

            return zone is not null && from is { } f && to is { } t && f != t ? new QuietHours(zone, f, t) : null;
        }

        private TimeOnly? Time(JsonElement q, string name, string path)
        {
            if (!q.TryGetProperty(name, out var e))
            {
                Errors.Add($"{path}.{name}: required (\"HH:mm\")");
                return null;
            }

            if (String(e, $"{path}.{name}") is not { } text)
            {
                return null;
            }

            if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }

            Errors.Add($"{path}.{name}: '{text}' is not a time \"HH:mm\" (00:00–23:59)");
            return null;
        }

        private HashSet<string>? Categories(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out var e))
            {
                return null;
            }

            var path = "$." + name;
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (item, itemPath) in Strings(e, path))
            {
                if (!CareCategory.All.Contains(item))
                {
                    Errors.Add($"{itemPath}: unknown category '{item}' (known: {string.Join(", ", CareCategory.All)})");
                }
                else if (!set.Add(item))
                {
                    Errors.Add($"{itemPath}: '{item}' is listed twice");
                }
            }

            return set;
        }

        private HashSet<string>? Authors(JsonElement parent, string parentPath)
        {
            if (!parent.TryGetProperty("authors", out var e))
            {
                return null;
            }

            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (item, itemPath) in Strings(e, parentPath + ".authors"))
            {
                if (!AuthorPattern().IsMatch(item))
                {
                    Errors.Add($"{itemPath}: '{item}' is neither \"platform:authorId\" nor \"@handle\"");
                }
                else if (!set.Add(item.ToLowerInvariant()))
                {
                    Errors.Add($"{itemPath}: '{item}' is listed twice");
                }
            }

            return set;
        }

        private List<PolicyPattern>? Keywords(JsonElement watch)
        {
            if (!watch.TryGetProperty("keywords", out var e))
            {
                return null;
            }

            var list = new List<PolicyPattern>();
            foreach (var (item, itemPath) in Strings(e, "$.watchList.keywords"))
            {
                if (string.IsNullOrWhiteSpace(item) || item.Length > 200)
                {
                    Errors.Add(itemPath + ": 1–200 characters, not only spaces");
                }
                else
                {
                    list.Add(PolicyPattern.Phrase(item));
                }
            }

            return list;
        }

        private IEnumerable<(string Value, string Path)> Strings(JsonElement e, string path)
        {
            if (e.ValueKind != JsonValueKind.Array)
            {
                Errors.Add(path + ": expected an array of strings");
                yield break;
            }

            var i = 0;
            foreach (var item in e.EnumerateArray())
            {
                var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]");
                if (String(item, itemPath) is { } s)
                {
                    yield return (s, itemPath);
                }
            }
        }

        /// <summary>Checks that <paramref name="e"/> is an object with only <paramref name="allowed"/> properties, each once.</summary>
        private bool Object(JsonElement e, string path, IReadOnlyCollection<string> allowed)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                Errors.Add(path + ": expected an object");
                return false;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in e.EnumerateObject())
            {
                if (!allowed.Contains(p.Name))
                {
                    Errors.Add($"{path}.{p.Name}: unknown property (allowed: {string.Join(", ", allowed)})");
                }
                else if (!seen.Add(p.Name))
                {
                    Errors.Add($"{path}.{p.Name}: repeated property");
                }
            }

            return true;
        }

        private double? Number(JsonElement parent, string name, string parentPath, double min, double max)
        {
            if (!parent.TryGetProperty(name, out var e))
            {
                return null;
            }

            var path = parentPath + "." + name;
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                Errors.Add(path + ": expected a number");
                return null;
            }

            if (value < min || value > max)
            {
                Errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: {value} is outside {min}..{max}"));
                return null;
            }

            return value;
        }

        private string? String(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.String)
            {
                return e.GetString();
            }

            Errors.Add(path + ": expected a string");
            return null;
        }

        private bool Bool(JsonElement e, string path)
        {
            if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return e.GetBoolean();
            }

            Errors.Add(path + ": expected true or false");
            return false;
        }
    }
}
