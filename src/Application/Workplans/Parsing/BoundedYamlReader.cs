using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace StateHub.Application.Workplans.Parsing;

/// <summary>
/// Turns front matter into a <see cref="YamlNode"/> tree from YamlDotNet's event stream, never
/// through its object deserialiser: nothing is instantiated from tags, anchors and aliases are
/// refused (no alias bombs), duplicate keys are refused, and nesting depth and node count are
/// capped, so hostile input costs a bounded amount of work and ends as a reason, not a crash.
/// </summary>
internal sealed class BoundedYamlReader
{
    private readonly IParser _parser;
    private readonly int _lineOffset;
    private int _nodes;
    private int _lastLine;

    private BoundedYamlReader(string yaml, int lineOffset)
    {
        _parser = new Parser(new StringReader(yaml));
        _lineOffset = lineOffset;
        _lastLine = lineOffset + 1;
    }

    /// <summary>
    /// The tree of <paramref name="yaml"/> (null when it holds no document). Lines reported are
    /// the YAML's lines plus <paramref name="lineOffset"/>. Throws <see cref="YamlRejectedException"/>.
    /// </summary>
    public static YamlNode? Read(string yaml, int lineOffset)
    {
        var reader = new BoundedYamlReader(yaml, lineOffset);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException ex)
        {
            var line = IsAboutATab(ex) && FirstTabIndentedLine(yaml, ex.Start.Line) is { } tabbed ? reader.LineOf(tabbed) : reader.LineOf(ex.Start);
            throw new YamlRejectedException(line, "invalid YAML: " + Describe(ex));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            // YamlDotNet's scanner throws these on some malformed input without a position.
            throw new YamlRejectedException(reader._lastLine, "invalid YAML: the front matter cannot be read past this line (check for an unclosed bracket or quote, or bad indentation)");
        }
    }

    private YamlNode? ReadStream()
    {
        Expect<StreamStart>();
        if (Accept<StreamEnd>(out _))
            return null;
        Expect<DocumentStart>();
        var root = ReadNode(depth: 1);
        Expect<DocumentEnd>();
        if (Accept<DocumentStart>(out var second))
            throw new YamlRejectedException(LineOf(second.Start), "the front matter holds more than one YAML document");
        Expect<StreamEnd>();
        return root;
    }

    private YamlNode ReadNode(int depth)
    {
        var ev = Next();
        var line = LineOf(ev.Start);
        if (++_nodes > WorkplanLimits.MaxYamlNodes)
            throw new YamlRejectedException(line, $"the front matter has more than {WorkplanLimits.MaxYamlNodes} YAML nodes");
        if (depth > WorkplanLimits.MaxYamlDepth)
            throw new YamlRejectedException(line, $"the front matter is nested deeper than {WorkplanLimits.MaxYamlDepth} levels");
        if (ev is AnchorAlias alias)
            throw new YamlRejectedException(line, $"YAML aliases (*{alias.Value}) are not allowed in workplan front matter");
        if (ev is NodeEvent { Anchor.IsEmpty: false } anchored)
            throw new YamlRejectedException(line, $"YAML anchors (&{anchored.Anchor}) are not allowed in workplan front matter");

        switch (ev)
        {
            case Scalar scalar:
                return new YamlScalar(line, scalar.Value, scalar.Style == ScalarStyle.Plain);
            case SequenceStart:
            {
                var items = new List<YamlNode>();
                while (!Accept<SequenceEnd>(out _))
                    items.Add(ReadNode(depth + 1));
                return new YamlSequence(line, items);
            }

            case MappingStart:
            {
                var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                while (!Accept<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(depth + 1);
                    if (keyNode is not YamlScalar key)
                        throw new YamlRejectedException(keyNode.Line, "a mapping key must be plain text, not a list or mapping");
                    if (seen.TryGetValue(key.Value, out var firstLine))
                        throw new YamlRejectedException(key.Line, $"duplicate key '{Shorten(key.Value)}' (first at line {firstLine})");
                    seen[key.Value] = key.Line;
                    entries.Add(new(key, ReadNode(depth + 1)));
                }

                return new YamlMapping(line, entries);
            }

            default:
                throw new YamlRejectedException(line, $"unexpected YAML element {ev.GetType().Name}");
        }
    }

    private ParsingEvent Next()
    {
        var current = _parser.Current;
        if (current is null)
        {
            if (!_parser.MoveNext() || _parser.Current is null)
                throw new YamlRejectedException(_lineOffset + 1, "the front matter ends unexpectedly");
            current = _parser.Current;
        }

        _lastLine = LineOf(current.Start);
        _parser.MoveNext();
        return current;
    }

    private bool Accept<T>(out T found)
        where T : ParsingEvent
    {
        if (_parser.Current is null)
            _parser.MoveNext();
        if (_parser.Current is T match)
        {
            _lastLine = LineOf(match.Start);
            _parser.MoveNext();
            found = match;
            return true;
        }

        found = null!;
        return false;
    }

    private void Expect<T>()
        where T : ParsingEvent
    {
        if (!Accept<T>(out _))
        {
            var at = _parser.Current;
            throw new YamlRejectedException(at is null ? _lineOffset + 1 : LineOf(at.Start), $"unexpected YAML structure ({at?.GetType().Name ?? "end of input"} where {typeof(T).Name} was expected)");
        }
    }

    private int LineOf(Mark mark) => LineOf(mark.Line);

    private int LineOf(long line) => (int)Math.Max(1, Math.Min(int.MaxValue - _lineOffset, line)) + _lineOffset;

    // "found invalid tab as indentation", "found a tab character that violate indentation"
    private static bool IsAboutATab(YamlException ex) => ex.Message.Contains(" tab ", StringComparison.Ordinal);

    /// <summary>
    /// YamlDotNet places a tab-indentation error at the start of the enclosing mapping or scalar,
    /// lines above the tab: the line to fix is the first from there on that starts with a tab, else
    /// the first whose leading whitespace holds one (a tab after a block scalar's indentation is
    /// content, so a line indented by a tab alone is the likelier culprit).
    /// </summary>
    private static long? FirstTabIndentedLine(string yaml, long fromLine)
    {
        var lines = yaml.Split('\n');
        long? startsWithTab = null, tabInIndentation = null;
        for (var i = (int)Math.Max(0, fromLine - 1); i < lines.Length && startsWithTab is null; i++)
        {
            var line = lines[i];
            if (line.StartsWith('\t'))
                startsWithTab = i + 1;
            else if (tabInIndentation is null && line.AsSpan(0, line.Length - line.AsSpan().TrimStart(" \t").Length).Contains('\t'))
                tabInIndentation = i + 1;
        }

        return startsWithTab ?? tabInIndentation;
    }

    private static string Describe(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (...): "; the line is reported separately.
        var message = ex.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return Shorten(cut >= 0 ? message[(cut + 3)..] : message, 200);
    }

    internal static string Shorten(string value, int max = 80) =>
        value.Length <= max ? value : value[..max] + "…";
}
