using System.Diagnostics;
using System.Text;
using StateHub.Application.Workplans;
using StateHub.Application.Workplans.Parsing;
using StateHub.Domain.Work;

namespace StateHub.Application.UnitTests.Workplans;

public sealed class WorkplanParserTests
{
    private const string Path = "workplans/registry.md";

    private const string GoodFile = """
        ---
        id: CUST-WP-0033
        title: Interface Change Registry
        status: active          # active | paused | done | archived
        tasks:
          - id: T01
            title: interface_changes table
            status: done        # todo | in_progress | blocked | done | cancelled
            priority: 2         # optional, default 3
            needs_human: false  # optional
          - id: T02
            title: "Publish: notify affected repos"
            status: In_Progress
            needs_human: true
          - id: T03
            title: Dashboard
            status: todo
        ---
        Free Markdown follows.

        ---
        A horizontal rule is not front matter.
        """;

    private static WorkplanParseResult Parse(string content) => WorkplanParser.Parse(new WorkplanSource(Path, content));

    private static DriftItem SingleProblem(string content)
    {
        var result = Parse(content);
        Assert.That(result.IsValid, Is.False, "the file should have been refused");
        Assert.That(result.Workplan, Is.Null);
        Assert.That(result.Problems, Is.Not.Empty);
        var problem = result.Problems[0];
        Assert.That(problem.Kind, Is.EqualTo(DriftKind.InvalidFile));
        Assert.That(problem.Path, Is.EqualTo(Path));
        Assert.That(problem.Reason, Is.Not.Null.And.Not.Empty);
        return problem;
    }

    [Test]
    public void Parse_SpecExample_ReadsWorkstreamAndTasks()
    {
        var result = Parse(GoodFile);

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Problems.Select(p => p.Reason)));
        var plan = result.Workplan!;
        Assert.That(plan.Path, Is.EqualTo(Path));
        Assert.That(plan.Key, Is.EqualTo("CUST-WP-0033"));
        Assert.That(plan.Title, Is.EqualTo("Interface Change Registry"));
        Assert.That(plan.Status, Is.EqualTo(WorkstreamStatus.Active));
        Assert.That(plan.Tasks.Select(t => t.Key), Is.EqualTo(new[] { "T01", "T02", "T03" }));
        Assert.That(plan.Tasks[0], Is.EqualTo(new ParsedTask("T01", "interface_changes table", WorkTaskStatus.Done, 2, false, 6)));
        Assert.That(plan.Tasks[1].Title, Is.EqualTo("Publish: notify affected repos"));
        Assert.That(plan.Tasks[1].Status, Is.EqualTo(WorkTaskStatus.InProgress));
        Assert.That(plan.Tasks[1].Priority, Is.Null);
        Assert.That(plan.Tasks[1].NeedsHuman, Is.True);
        Assert.That(plan.Tasks[2].NeedsHuman, Is.Null);
        Assert.That(result.DeclaredKey, Is.EqualTo("CUST-WP-0033"));
    }

    [Test]
    public void Parse_WindowsLineEndingsAndNoTasks_IsValidWithNoTasks()
    {
        var result = Parse("---\r\nid: WP-1\r\ntitle: Plan\r\nstatus: paused\r\n---\r\nbody\r\n");

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Problems.Select(p => p.Reason)));
        Assert.That(result.Workplan!.Status, Is.EqualTo(WorkstreamStatus.Paused));
        Assert.That(result.Workplan.Tasks, Is.Empty);
    }

    [Test]
    public void Parse_LeadingByteOrderMark_ParsesLikeTheFileWithoutIt()
    {
        var plain = Parse(GoodFile);
        var withBom = Parse("\uFEFF" + GoodFile);

        Assert.That(withBom.IsValid, Is.True, string.Join("; ", withBom.Problems.Select(p => p.Reason)));
        Assert.That(withBom.Workplan!.Key, Is.EqualTo(plain.Workplan!.Key));
        Assert.That(withBom.Workplan.Tasks, Is.EqualTo(plain.Workplan.Tasks));
    }

    [Test]
    public void Parse_ByteOrderMarkAfterTheStart_IsNotIgnored()
    {
        var problem = SingleProblem("\n\uFEFF" + GoodFile);

        Assert.That(problem.Line, Is.EqualTo(1));
    }

    [Test]
    public void Parse_UnknownKeys_AreIgnored()
    {
        var result = Parse("---\nid: WP-1\ntitle: Plan\nstatus: done\nowner: alice\ntasks:\n  - id: T1\n    title: x\n    status: done\n    estimate: 3d\n---\n");

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Problems.Select(p => p.Reason)));
    }

    [Test]
    public void Parse_NoFrontMatter_ReportsLineOne()
    {
        var problem = SingleProblem("# Just a heading\n\nid: WP-1\n");

        Assert.That(problem.Line, Is.EqualTo(1));
        Assert.That(problem.Reason, Does.Contain("front matter"));
    }

    [Test]
    public void Parse_UnclosedFrontMatter_ReportsIt()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: Plan\nstatus: active\n");

        Assert.That(problem.Line, Is.EqualTo(1));
        Assert.That(problem.Reason, Does.Contain("never closed"));
    }

    [Test]
    public void Parse_EmptyFile_IsInvalid()
    {
        var problem = SingleProblem(string.Empty);

        Assert.That(problem.Line, Is.EqualTo(1));
    }

    [Test]
    public void Parse_EmptyFrontMatter_IsInvalid()
    {
        var problem = SingleProblem("---\n---\nbody\n");

        Assert.That(problem.Reason, Does.Contain("empty"));
    }

    [Test]
    public void Parse_YamlSyntaxError_ReportsTheFileLine()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: Plan\nstatus: active\ntasks:\n  - id: T1\n    title: [unclosed\n    status: todo\n---\n");

        Assert.That(problem.Reason, Does.StartWith("invalid YAML"));
        Assert.That(problem.Line, Is.InRange(7, 9));
    }

    [Test]
    public void Parse_MappingValueInPlainScalar_ReportsTheFileLineOfTheError()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: Plan\nstatus: active\nowner: a: b\n---\n");

        Assert.That(problem.Line, Is.EqualTo(5));
        Assert.That(problem.Reason, Does.StartWith("invalid YAML:").And.Contain("invalid mapping"));
    }

    [TestCase("---\nid: X\ntitle: t\nstatus: active\ntasks:\n\t- id: T01\n---\n", 6)]
    [TestCase("---\nid: X\ntitle: t\nstatus: active\ntasks:\n  - id: T01\n    title: One\n\t  status: todo\n---\n", 8)]
    [TestCase("---\nid: X\ntitle: t\nstatus: active\ntasks:\n  - id: T01\n \t  title: One\n---\n", 7)]
    [TestCase("---\nid: X\ntitle: t\nstatus: active\nnotes: |\n  first\n  \tcode\n\tbad: 1\n---\n", 8)]
    public void Parse_TabIndentation_ReportsTheLineOfTheTab(string content, int line)
    {
        var problem = SingleProblem(content);

        Assert.That(problem.Reason, Does.StartWith("invalid YAML"));
        Assert.That(problem.Line, Is.EqualTo(line), problem.Reason);
    }

    [Test]
    public void Parse_BadIndentation_IsInvalidNotThrown()
    {
        var problem = SingleProblem("---\nid: WP-1\n  title: Plan\n status: active\n---\n");

        Assert.That(problem.Line, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void Parse_FrontMatterIsAList_IsInvalid()
    {
        var problem = SingleProblem("---\n- id: WP-1\n---\n");

        Assert.That(problem.Reason, Does.Contain("mapping"));
        Assert.That(problem.Line, Is.EqualTo(2));
    }

    [Test]
    public void Parse_UnknownWorkstreamStatus_ReportsValueLineAndAllowedValues()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: Plan\nstatus: finished\n---\n");

        Assert.That(problem.Line, Is.EqualTo(4));
        Assert.That(problem.WorkstreamKey, Is.EqualTo("WP-1"));
        Assert.That(problem.Reason, Does.Contain("'finished'").And.Contain("active, paused, done, archived"));
    }

    [Test]
    public void Parse_UnknownTaskStatus_NamesTheTask()
    {
        var result = Parse("---\nid: WP-1\ntitle: Plan\nstatus: active\ntasks:\n  - id: T1\n    title: x\n    status: doing\n---\n");

        Assert.That(result.IsValid, Is.False);
        var problem = result.Problems.Single();
        Assert.That(problem.TaskKey, Is.EqualTo("T1"));
        Assert.That(problem.WorkstreamKey, Is.EqualTo("WP-1"));
        Assert.That(problem.Line, Is.EqualTo(8));
        Assert.That(problem.Reason, Does.Contain("todo, in_progress, blocked, done, cancelled"));
    }

    [Test]
    public void Parse_SeveralProblems_ReportsEachOfThem()
    {
        var result = Parse("---\nid: WP-1\nstatus: nope\ntasks:\n  - id: T1\n    status: todo\n  - title: no id\n    status: todo\n---\n");

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Problems, Has.Count.EqualTo(4));
        Assert.That(result.Problems.Select(p => p.Reason), Has.Some.Contains("has no 'title'"));
        Assert.That(result.Problems.Select(p => p.Reason), Has.Some.Contains("unknown status 'nope'"));
        Assert.That(result.Problems.Select(p => p.Reason), Has.Some.Contains("task T1 has no 'title'"));
        Assert.That(result.Problems.Select(p => p.Reason), Has.Some.Contains("a task has no 'id'"));
        Assert.That(result.DeclaredKey, Is.EqualTo("WP-1"));
    }

    [Test]
    public void Parse_MissingId_IsInvalidWithoutKey()
    {
        var result = Parse("---\ntitle: Plan\nstatus: active\n---\n");

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.DeclaredKey, Is.Null);
        Assert.That(result.Problems.Single().Reason, Does.Contain("no 'id'"));
    }

    [TestCase("id: [a, b]", "must be text")]
    [TestCase("id: two words", "one word")]
    [TestCase("id: \"\"", "must not be empty")]
    public void Parse_BadId_IsInvalid(string idLine, string reason)
    {
        var problem = SingleProblem($"---\n{idLine}\ntitle: Plan\nstatus: active\n---\n");

        Assert.That(problem.Reason, Does.Contain(reason));
        Assert.That(problem.Line, Is.EqualTo(2));
    }

    [Test]
    public void Parse_TitleTooLong_IsInvalid()
    {
        var problem = SingleProblem($"---\nid: WP-1\ntitle: {new string('x', Workstream.TitleMaxLength + 1)}\nstatus: active\n---\n");

        Assert.That(problem.Reason, Does.Contain("longer than"));
    }

    [Test]
    public void Parse_DuplicateTaskIds_ReportsTheSecondWithItsLine()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: Plan\nstatus: active\ntasks:\n  - id: T1\n    title: a\n    status: todo\n  - id: T1\n    title: b\n    status: done\n---\n");

        Assert.That(problem.TaskKey, Is.EqualTo("T1"));
        Assert.That(problem.Line, Is.EqualTo(9));
        Assert.That(problem.Reason, Does.Contain("listed twice").And.Contain("line 6"));
    }

    [Test]
    public void Parse_DuplicateYamlKeys_ReportsTheDuplicate()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: Plan\nstatus: active\nstatus: done\n---\n");

        Assert.That(problem.Line, Is.EqualTo(5));
        Assert.That(problem.Reason, Does.Contain("duplicate key 'status'").And.Contain("line 4"));
    }

    [Test]
    public void Parse_DuplicateKeyInsideATask_ReportsTheDuplicate()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: Plan\nstatus: active\ntasks:\n  - id: T1\n    id: T2\n    title: a\n    status: todo\n---\n");

        Assert.That(problem.Line, Is.EqualTo(7));
        Assert.That(problem.Reason, Does.Contain("duplicate key 'id'"));
    }

    [TestCase("0")]
    [TestCase("1001")]
    [TestCase("high")]
    [TestCase("1.5")]
    public void Parse_BadPriority_IsInvalid(string priority)
    {
        var problem = SingleProblem($"---\nid: WP-1\ntitle: Plan\nstatus: active\ntasks:\n  - id: T1\n    title: a\n    status: todo\n    priority: {priority}\n---\n");

        Assert.That(problem.Reason, Does.Contain("'priority' of task T1"));
        Assert.That(problem.Line, Is.EqualTo(9));
    }

    [Test]
    public void Parse_BadNeedsHuman_IsInvalid()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: Plan\nstatus: active\ntasks:\n  - id: T1\n    title: a\n    status: todo\n    needs_human: maybe\n---\n");

        Assert.That(problem.Reason, Does.Contain("true or false"));
    }

    [Test]
    public void Parse_TasksNotAList_IsInvalid()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: Plan\nstatus: active\ntasks: T1, T2\n---\n");

        Assert.That(problem.Reason, Does.Contain("'tasks' must be a list"));
    }

    [Test]
    public void Parse_BinaryContent_IsRefused()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: Pl\0an\nstatus: active\n---\n");

        Assert.That(problem.Reason, Does.Contain("binary"));
        Assert.That(problem.Line, Is.EqualTo(3));
    }

    [Test]
    public void Parse_ControlCharactersInYaml_AreReportedNotThrown()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: \u0001\u0002\u001b[31m\nstatus: active\n---\n");

        Assert.That(problem.Line, Is.EqualTo(3));
        Assert.That(problem.Reason, Does.Contain("control characters"));
    }

    [Test]
    public void Parse_MultiLineTitle_IsRefused()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: |\n  first line\n  second line\nstatus: active\n---\n");

        Assert.That(problem.Reason, Does.Contain("one line"));
    }

    [Test]
    public void Parse_AliasBomb_IsRefusedQuickly()
    {
        var yaml = new StringBuilder("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append(level).Append(": &").Append(level).Append(" [")
                .Append(string.Join(",", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }

        yaml.Append("id: WP-1\ntitle: Plan\nstatus: active\n---\n");
        var watch = Stopwatch.StartNew();

        var problem = SingleProblem(yaml.ToString());

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        Assert.That(problem.Reason, Does.Contain("anchors"));
        Assert.That(problem.Line, Is.EqualTo(2));
    }

    [Test]
    public void Parse_AliasWithoutAnchorHere_IsRefused()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: *t\nstatus: active\n---\n");

        Assert.That(problem.Line, Is.EqualTo(3));
    }

    [Test]
    public void Parse_DeeplyNestedFlowYaml_IsRefusedQuickly()
    {
        const int depth = 100_000;
        var content = "---\nid: WP-1\ntitle: Plan\nstatus: active\nx: " + new string('[', depth) + new string(']', depth) + "\n---\n";
        var watch = Stopwatch.StartNew();

        var problem = SingleProblem(content);

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(problem.Reason, Does.Contain("nested deeper"));
        Assert.That(problem.Line, Is.EqualTo(5));
    }

    [Test]
    public void Parse_DeeplyNestedBlockYaml_IsRefused()
    {
        var yaml = new StringBuilder("---\nid: WP-1\ntitle: Plan\nstatus: active\n");
        for (var i = 0; i < 40; i++)
            yaml.Append(new string(' ', i * 2)).Append("k").Append(i).Append(":\n");
        yaml.Append(new string(' ', 80)).Append("leaf\n---\n");

        var problem = SingleProblem(yaml.ToString());

        Assert.That(problem.Reason, Does.Contain("nested deeper"));
    }

    [Test]
    public void Parse_FrontMatterOverTheSizeCap_IsRefusedWithoutReadingTheRest()
    {
        var content = "---\nid: WP-1\ntitle: Plan\nstatus: active\n" + string.Concat(Enumerable.Repeat("note: " + new string('x', 1000) + "\n", 400)) + "---\n";

        var problem = SingleProblem(content);

        Assert.That(problem.Reason, Does.Contain("front matter is longer"));
    }

    [Test]
    public void Parse_HugeUnclosedFile_IsRefusedQuickly()
    {
        var content = "---\n" + string.Concat(Enumerable.Repeat("x: y\n", 2_000_000));
        var watch = Stopwatch.StartNew();

        var problem = SingleProblem(content);

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(problem.Reason, Does.Contain("front matter is longer"));
    }

    [Test]
    public void Parse_HugeBodyAfterSmallFrontMatter_IsValid()
    {
        var content = "---\nid: WP-1\ntitle: Plan\nstatus: active\n---\n" + new string('#', 5_000_000);

        Assert.That(Parse(content).IsValid, Is.True);
    }

    [Test]
    public void Parse_TooManyNodes_IsRefused()
    {
        var content = "---\nid: WP-1\ntitle: Plan\nstatus: active\nx: [" + string.Join(",", Enumerable.Repeat("1", WorkplanLimits.MaxYamlNodes + 10)) + "]\n---\n";

        var problem = SingleProblem(content);

        Assert.That(problem.Reason, Does.Contain("YAML nodes"));
    }

    [Test]
    public void Parse_TooManyTasks_IsRefused()
    {
        var tasks = string.Concat(Enumerable.Range(0, WorkplanLimits.MaxTasksPerFile + 1).Select(i => $"  - {{id: T{i}, title: t, status: todo}}\n"));

        var problem = SingleProblem("---\nid: WP-1\ntitle: Plan\nstatus: active\ntasks:\n" + tasks + "---\n");

        Assert.That(problem.Reason, Does.Contain("more than"));
    }

    [Test]
    public void Parse_CustomTags_AreReadAsPlainTextNeverInstantiated()
    {
        var result = Parse("---\nid: !!python/object/apply:os.system WP-1\ntitle: !custom Plan\nstatus: active\n---\n");

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Problems.Select(p => p.Reason)));
        Assert.That(result.Workplan!.Key, Is.EqualTo("WP-1"));
    }

    [Test]
    public void Parse_ComplexMappingKey_IsRefused()
    {
        var problem = SingleProblem("---\nid: WP-1\ntitle: Plan\nstatus: active\n? [a, b]\n: c\n---\n");

        Assert.That(problem.Reason, Does.Contain("key must be plain text"));
    }
}
