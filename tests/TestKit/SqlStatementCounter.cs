using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StateHub.TestKit;

/// <summary>Counts the SQL statements EF Core sends, so tests can assert a request's round trips.</summary>
public sealed class SqlStatementCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _statements = new();
    private readonly ConcurrentQueue<RecordedCommand> _commands = new();
    private volatile bool _recording;

    public IReadOnlyList<string> Statements => _statements.ToList();

    public int Count => _statements.Count;

    /// <summary>The commands recorded, with their parameters (for EXPLAIN in plan tests).</summary>
    public IReadOnlyList<RecordedCommand> Commands => _commands.ToList();

    /// <summary>Starts recording from zero; dispose the result to stop.</summary>
    public IDisposable Record()
    {
        _statements.Clear();
        _commands.Clear();
        _recording = true;
        return new Stopper(this);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Add(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Add(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Add(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    private void Add(DbCommand command)
    {
        if (!_recording)
            return;
        _statements.Enqueue(command.CommandText);
        _commands.Enqueue(new RecordedCommand(
            command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
    }

    private sealed class Stopper(SqlStatementCounter counter) : IDisposable
    {
        public void Dispose() => counter._recording = false;
    }
}

/// <summary>A command as it was sent: its text and its parameters' names and values.</summary>
public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);
