using System.Globalization;
using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Application.Workplans.Parsing;

/// <summary>
/// Parses one <c>workplans/*.md</c> file: YAML front matter between a first line <c>---</c> and the
/// next <c>---</c> (or <c>...</c>) line, holding <c>id</c>, <c>title</c>, <c>status</c> and optional
/// <c>tasks</c> (<c>id</c>, <c>title</c>, <c>status</c>, optional <c>priority</c> and <c>needs_human</c>).
/// Keys it does not know are ignored. Every problem becomes an <c>invalid_file</c> item with a line
/// and a reason; a file with any problem yields no workplan, so nothing is guessed from it.
/// </summary>
public static class WorkplanParser
{
    private const char ByteOrderMark = '\uFEFF';

    public static WorkplanParseResult Parse(WorkplanSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = source.Path;
        var content = source.Content ?? string.Empty;
        // A file saved "UTF-8 with BOM" and pushed as JSON keeps the mark as its first character;
        // reading it from disk drops it. Both are the same file.
        if (content.StartsWith(ByteOrderMark))
            content = content[1..];

        var nul = content.IndexOf('\0');
        if (nul >= 0)
            return Failed(path, null, LineAt(content, nul), "the file is binary (it contains NUL characters), not a Markdown workplan");

        if (!TryExtractFrontMatter(content, out var yaml, out var problem))
            return Failed(path, null, problem.Line, problem.Reason);

        YamlNode? root;
        try
        {
            // The front matter starts on the file's second line.
            root = BoundedYamlReader.Read(yaml, lineOffset: 1);
        }
        catch (YamlRejectedException ex)
        {
            return Failed(path, null, ex.Line, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Defence in depth: whatever the YAML library trips over is the file's problem, not a 500.
            return Failed(path, null, 2, "the front matter could not be parsed: " + BoundedYamlReader.Shorten(ex.Message, 200));
        }

        return new Interpreter(path).Interpret(root);
    }

    private static WorkplanParseResult Failed(string path, string? key, int? line, string reason) =>
        new(path, null, key, [DriftItem.Invalid(path, line, reason, key)]);

    /// <summary>Finds the front matter without splitting the whole file, scanning at most the front-matter cap.</summary>
    private static bool TryExtractFrontMatter(string content, out string yaml, out (int Line, string Reason) problem)
    {
        yaml = string.Empty;
        problem = default;
        var position = 0;
        var first = ReadLine(content, ref position);
        if (first is null || first.TrimEnd() != "---")
        {
            problem = (1, "the file does not start with YAML front matter: its first line must be '---'");
            return false;
        }

        var start = position;
        var lineNumber = 1;
        while (true)
        {
            var lineStart = position;
            var line = ReadLine(content, ref position);
            lineNumber++;
            if (line is null)
            {
                problem = (1, "the front matter opened on line 1 is never closed by a '---' line");
                return false;
            }

            if (line.TrimEnd() is "---" or "...")
            {
                yaml = content[start..lineStart];
                return true;
            }

            if (position - start > WorkplanLimits.MaxFrontMatterChars)
            {
                problem = (lineNumber, $"the front matter is longer than {WorkplanLimits.MaxFrontMatterChars} characters");
                return false;
            }
        }
    }

    private static string? ReadLine(string content, ref int position)
    {
        if (position >= content.Length)
            return null;
        var end = content.IndexOf('\n', position);
        var line = end < 0 ? content[position..] : content[position..end];
        position = end < 0 ? content.Length : end + 1;
        return line.EndsWith('\r') ? line[..^1] : line;
    }

    private static int LineAt(string content, int index) =>
        1 + content.AsSpan(0, index).Count('\n');

    /// <summary>Reads the workplan out of the tree, collecting every problem rather than stopping at the first.</summary>
    private sealed class Interpreter(string path)
    {
        private readonly List<DriftItem> _problems = [];
        private string? _key;

        public WorkplanParseResult Interpret(YamlNode? root)
        {
            if (root is null || root is YamlScalar { IsNull: true })
                return Failed(path, null, 2, "the front matter is empty: it needs id, title and status");
            if (root is not YamlMapping map)
                return Failed(path, null, root.Line, "the front matter must be a mapping with id, title, status and tasks");

            _key = Key(map, "id", Workstream.KeyMaxLength, "the workplan");
            var title = Text(map, "title", Workstream.TitleMaxLength, "the workplan", null);
            var status = Status<WorkstreamStatus>(map, "the workplan", null);
            var tasks = Tasks(map);

            if (_problems.Count > 0 || _key is null || title is null || status is null || tasks is null)
                return new WorkplanParseResult(path, null, _key, _problems.Select(p => p with { WorkstreamKey = _key }).ToList());
            return new WorkplanParseResult(path, new ParsedWorkplan(path, _key, title, status.Value, tasks, map.Get("id")!.Line), _key, []);
        }

        private List<ParsedTask>? Tasks(YamlMapping map)
        {
            var node = map.Get("tasks");
            if (node is null || node is YamlScalar { IsNull: true })
                return [];
            if (node is not YamlSequence list)
            {
                Problem(node.Line, "'tasks' must be a list of tasks");
                return null;
            }

            if (list.Items.Count > WorkplanLimits.MaxTasksPerFile)
            {
                Problem(list.Line, $"the workplan lists more than {WorkplanLimits.MaxTasksPerFile} tasks");
                return null;
            }

            var tasks = new List<ParsedTask>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var item in list.Items)
            {
                if (item is not YamlMapping task)
                {
                    Problem(item.Line, "each entry of 'tasks' must be a mapping with id, title and status");
                    continue;
                }

                var key = Key(task, "id", WorkTask.KeyMaxLength, "a task");
                var where = key is null ? "a task" : $"task {key}";
                var title = Text(task, "title", WorkTask.TitleMaxLength, where, key);
                var status = Status<WorkTaskStatus>(task, where, key);
                var priority = Priority(task, where, key);
                var needsHuman = Flag(task, "needs_human", where, key);
                var blockedBy = BlockedBy(task, where, key);
                if (key is not null)
                {
                    if (seen.TryGetValue(key, out var firstLine))
                    {
                        Problem(task.Line, $"task id '{key}' is listed twice (first at line {firstLine}); task ids must be unique within a workplan", key);
                        continue;
                    }

                    seen[key] = task.Line;
                }

                if (key is not null && title is not null && status is not null)
                    tasks.Add(new ParsedTask(key, title, status.Value, priority, needsHuman, task.Line, blockedBy));
            }

            return tasks;
        }

        private string? Key(YamlMapping map, string field, int maxLength, string owner)
        {
            var value = Text(map, field, maxLength, owner, null);
            if (value is null)
                return null;
            if (value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                Problem(map.Get(field)!.Line, $"the id of {owner} must be one word, without spaces or control characters");
                return null;
            }

            return value;
        }

        private string? Text(YamlMapping map, string field, int maxLength, string owner, string? taskKey)
        {
            var node = map.Get(field);
            if (node is null || node is YamlScalar { IsNull: true })
            {
                Problem(node?.Line ?? map.Line, $"{owner} has no '{field}'", taskKey);
                return null;
            }

            if (node is not YamlScalar scalar)
            {
                Problem(node.Line, $"'{field}' of {owner} must be text, not a list or mapping", taskKey);
                return null;
            }

            var value = scalar.Value.Trim();
            if (value.Length == 0)
            {
                Problem(node.Line, $"'{field}' of {owner} must not be empty", taskKey);
                return null;
            }

            if (value.Any(c => char.IsControl(c) && c != '\t'))
            {
                Problem(node.Line, $"'{field}' of {owner} must be one line of text, without control characters", taskKey);
                return null;
            }

            if (value.Length > maxLength)
            {
                Problem(node.Line, $"'{field}' of {owner} is longer than {maxLength} characters", taskKey);
                return null;
            }

            return value;
        }

        private TEnum? Status<TEnum>(YamlMapping map, string owner, string? taskKey)
            where TEnum : struct, Enum
        {
            var text = Text(map, "status", 64, owner, taskKey);
            if (text is null)
                return null;
            foreach (var value in Enum.GetValues<TEnum>())
            {
                if (string.Equals(EnumWire.Name(value), text, StringComparison.OrdinalIgnoreCase))
                    return value;
            }

            var allowed = string.Join(", ", Enum.GetValues<TEnum>().Select(EnumWire.Name));
            Problem(map.Get("status")!.Line, $"unknown status '{BoundedYamlReader.Shorten(text)}' for {owner}; expected one of {allowed}", taskKey);
            return null;
        }

        private int? Priority(YamlMapping map, string owner, string? taskKey)
        {
            var node = map.Get("priority");
            if (node is null || node is YamlScalar { IsNull: true })
                return null;
            if (node is YamlScalar scalar
                && int.TryParse(scalar.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority)
                && priority is >= 1 and <= 1000)
            {
                return priority;
            }

            Problem(node.Line, $"'priority' of {owner} must be a whole number from 1 (most urgent) to 1000", taskKey);
            return null;
        }

        /// <summary><c>blocked_by: [T01, OTHER-WP/T03]</c>: a list of task references, or null when absent.</summary>
        private List<string>? BlockedBy(YamlMapping map, string owner, string? taskKey)
        {
            var node = map.Get("blocked_by");
            if (node is null || node is YamlScalar { IsNull: true })
                return null;
            if (node is not YamlSequence list)
            {
                Problem(node.Line, $"'blocked_by' of {owner} must be a list of task ids, e.g. [T01, OTHER-WP/T03]", taskKey);
                return null;
            }

            var references = new List<string>();
            foreach (var item in list.Items)
            {
                var text = (item as YamlScalar)?.Value.Trim();
                var parts = text?.Split('/');
                if (text is null || text.Length == 0 || parts!.Length > 2 || parts.Any(p => p.Length == 0 || p.Length > WorkTask.KeyMaxLength || p.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
                {
                    Problem(item.Line, $"each entry of 'blocked_by' of {owner} must be a task id (T01) or a workstream id and task id (OTHER-WP/T03)", taskKey);
                    return null;
                }

                if (taskKey is not null && text == taskKey || _key is not null && text == $"{_key}/{taskKey}")
                {
                    Problem(item.Line, $"{owner} cannot be blocked by itself", taskKey);
                    return null;
                }

                if (!references.Contains(text))
                    references.Add(text);
            }

            return references;
        }

        private bool? Flag(YamlMapping map, string field, string owner, string? taskKey)
        {
            var node = map.Get(field);
            if (node is null || node is YamlScalar { IsNull: true })
                return null;
            if (node is YamlScalar scalar)
            {
                if (string.Equals(scalar.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
                    return true;
                if (string.Equals(scalar.Value.Trim(), "false", StringComparison.OrdinalIgnoreCase))
                    return false;
            }

            Problem(node.Line, $"'{field}' of {owner} must be true or false", taskKey);
            return null;
        }

        private void Problem(int line, string reason, string? taskKey = null) =>
            _problems.Add(DriftItem.Invalid(path, line, reason, _key, taskKey));
    }
}
