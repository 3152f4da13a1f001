using System.Text;

namespace SocialFirst.Core.Escalation.Templates;

/// <summary>
/// The template text syntax: <c>{name}</c> for a value that is always there (caseRef, brandName), <c>{name?}</c> for an
/// optional one (firstName, safetyLine), allowed only inside a <c>[[ ... ]]</c> section; a section is left out when any
/// optional value in it is missing. Values are inserted literally (never parsed again). No other braces or brackets.
/// </summary>
internal sealed class TemplateText
{
    private readonly List<Part> _parts;

    private TemplateText(List<Part> parts) => _parts = parts;

    /// <summary>The placeholders used, by name.</summary>
    public IReadOnlySet<string> Names => _parts.Where(p => p.Name is not null).Select(p => p.Name!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="text"/>; syntax errors are added to <paramref name="errors"/> (prefixed with <paramref name="where"/>).</summary>
    public static TemplateText? Parse(string text, string where, List<string> errors)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var section = -1;
        var sections = 0;
        var ok = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '[' && i + 1 < text.Length && text[i + 1] == '[')
            {
                if (section >= 0)
                {
                    errors.Add($"{where}: sections '[[...]]' cannot be nested");
                    ok = false;
                }

                Flush();
                section = sections++;
                i++;
            }
            else if (c == ']' && i + 1 < text.Length && text[i + 1] == ']')
            {
                if (section < 0)
                {
                    errors.Add($"{where}: ']]' without '[['");
                    ok = false;
                }

                Flush();
                section = -1;
                i++;
            }
            else if (c == '{')
            {
                var end = text.IndexOf('}', i + 1);
                if (end < 0)
                {
                    errors.Add($"{where}: '{{' is not closed");
                    return null;
                }

                var token = text[(i + 1)..end];
                var optional = token.EndsWith('?');
                var name = optional ? token[..^1] : token;
                if (!Placeholders.Known.TryGetValue(name, out var spec))
                {
                    errors.Add($"{where}: unknown placeholder '{{{token}}}' (known: {string.Join(", ", Placeholders.Known.Keys.Select(k => "{" + k + (Placeholders.Known[k].Optional ? "?" : string.Empty) + "}"))})");
                    ok = false;
                }
                else if (spec.Optional && !optional)
                {
                    errors.Add($"{where}: '{{{name}}}' may be missing: write it '{{{name}?}}' inside a '[[...]]' section");
                    ok = false;
                }
                else if (!spec.Optional && optional)
                {
                    errors.Add($"{where}: '{{{name}}}' is always available: write it without '?'");
                    ok = false;
                }
                else if (optional && section < 0)
                {
                    errors.Add($"{where}: optional '{{{name}?}}' must be inside a '[[...]]' section (left out when the value is missing)");
                    ok = false;
                }

                Flush();
                parts.Add(new Part(null, name, optional, section));
                i = end;
            }
            else if (c is '}' or '[' or ']')
            {
                errors.Add($"{where}: stray '{c}' at position {i}");
                ok = false;
            }
            else
            {
                literal.Append(c);
            }
        }

        if (section >= 0)
        {
            errors.Add($"{where}: '[[' is not closed");
            ok = false;
        }

        Flush();
        return ok ? new TemplateText(parts) : null;

        void Flush()
        {
            if (literal.Length > 0)
            {
                parts.Add(new Part(literal.ToString(), null, false, section));
                literal.Clear();
            }
        }
    }

    /// <summary>The longest this text can get in <paramref name="unit"/>, every section kept and every value at its maximum length.</summary>
    public int WorstCaseLength(LengthUnit unit)
    {
        var total = 0;
        foreach (var part in _parts)
        {
            total += part.Literal is not null
                ? MessageLimits.Measure(part.Literal, unit)
                : Placeholders.Known[part.Name!].MaxLength * MessageLimits.WorstCasePerCharacter(unit);
        }

        return total;
    }

    /// <summary>Substitutes <paramref name="values"/>; a section with a missing optional value is left out.</summary>
    public string Render(Func<string, string?> values)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < _parts.Count)
        {
            var section = _parts[i].Section;
            if (section < 0)
            {
                sb.Append(_parts[i].Literal ?? values(_parts[i].Name!));
                i++;
                continue;
            }

            var start = i;
            while (i < _parts.Count && _parts[i].Section == section)
            {
                i++;
            }

            var slice = _parts.GetRange(start, i - start);
            if (slice.All(p => p.Literal is not null || !string.IsNullOrWhiteSpace(values(p.Name!))))
            {
                foreach (var p in slice)
                {
                    sb.Append(p.Literal ?? values(p.Name!));
                }
            }
        }

        return sb.ToString().Trim();
    }

    private sealed record Part(string? Literal, string? Name, bool Optional, int Section);
}
