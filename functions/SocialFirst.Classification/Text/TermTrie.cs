namespace SocialFirst.Classification.Text;

/// <summary>A term found in a text: where it starts, how long it is, and what it carries.</summary>
internal readonly record struct TermMatch<T>(int Start, int Length, T Value);

/// <summary>
/// A character trie over normalized terms. Works for both kinds of script: in space-separated scripts a term must
/// start and end on a word boundary (a trailing <c>*</c> makes it a prefix that runs to the end of the word); in
/// Chinese and Japanese no boundary applies, so dictionary cues match inside a run of characters.
/// </summary>
internal sealed class TermTrie<T>
{
    private readonly Node root = new();

    public int Count { get; private set; }

    /// <summary>Adds a term (already normalized); a trailing '*' marks a prefix term.</summary>
    public void Add(string term, T value)
    {
        var prefix = term.Length > 1 && term[^1] == '*';
        var text = prefix ? term[..^1] : term;
        if (text.Length == 0)
        {
            return;
        }

        var node = root;
        foreach (var c in text)
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(c, out var next))
            {
                next = new Node();
                node.Children[c] = next;
            }

            node = next;
        }

        if (prefix)
        {
            node.PrefixValues ??= [];
            node.PrefixValues.Add(value);
        }
        else
        {
            node.Values ??= [];
            node.Values.Add(value);
        }

        Count++;
    }

    /// <summary>Greedy left-to-right, longest match at each position, matches do not overlap.</summary>
    public void FindLongest(ReadOnlySpan<char> text, List<TermMatch<T>> results)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!CanStart(text, i))
            {
                i++;
                continue;
            }

            var best = Walk(text, i, null);
            if (best.Length > 0)
            {
                results.Add(best);
                i += best.Length;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Every match at every position (overlaps allowed): rules need each cue they can find.</summary>
    public void FindAll(ReadOnlySpan<char> text, List<TermMatch<T>> results)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (CanStart(text, i))
            {
                Walk(text, i, results);
            }
        }
    }

    private TermMatch<T> Walk(ReadOnlySpan<char> text, int start, List<TermMatch<T>>? all)
    {
        var node = root;
        var best = default(TermMatch<T>);
        for (var j = start; j < text.Length; j++)
        {
            if (node.Children is null || !node.Children.TryGetValue(text[j], out var next))
            {
                break;
            }

            node = next;
            var end = j + 1;
            if (node.Values is not null && CanEnd(text, end))
            {
                foreach (var v in node.Values)
                {
                    var m = new TermMatch<T>(start, end - start, v);
                    all?.Add(m);
                    best = m;
                }
            }

            if (node.PrefixValues is not null)
            {
                var wordEnd = end;
                if (CharClass.IsWordChar(text[end - 1]))
                {
                    while (wordEnd < text.Length && CharClass.IsWordChar(text[wordEnd]))
                    {
                        wordEnd++;
                    }
                }

                foreach (var v in node.PrefixValues)
                {
                    var m = new TermMatch<T>(start, wordEnd - start, v);
                    all?.Add(m);
                    if (m.Length > best.Length)
                    {
                        best = m;
                    }
                }
            }
        }

        return best;
    }

    private static bool CanStart(ReadOnlySpan<char> text, int i) =>
        i == 0 || !CharClass.IsWordChar(text[i - 1]) || !CharClass.IsWordChar(text[i]);

    private static bool CanEnd(ReadOnlySpan<char> text, int end) =>
        end >= text.Length || !CharClass.IsWordChar(text[end]) || !CharClass.IsWordChar(text[end - 1]);

    private sealed class Node
    {
        public Dictionary<char, Node>? Children { get; set; }

        public List<T>? Values { get; set; }

        public List<T>? PrefixValues { get; set; }
    }
}
