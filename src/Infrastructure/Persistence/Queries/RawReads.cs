using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace StateHub.Infrastructure.Persistence.Queries;

/// <summary>
/// Hand-written reads sent through EF Core's own command pipeline (so interceptors, logging and
/// error handling see them like any query): one command may carry several statements separated
/// by semicolons, which Npgsql sends in one round trip and answers as consecutive result sets.
/// Placeholders are <c>{0}</c>, <c>{1}</c>…, as in <c>SqlQueryRaw</c>.
/// </summary>
internal static class RawReads
{
    public static async Task<RelationalDataReader> ExecuteReaderAsync(
        StateHubDbContext db, string sql, object[] arguments, CancellationToken cancellationToken)
    {
        var command = db.GetService<IRawSqlCommandBuilder>().Build(sql, arguments);
        return await command.RelationalCommand.ExecuteReaderAsync(
            new RelationalCommandParameterObject(
                db.GetService<IRelationalConnection>(),
                command.ParameterValues,
                readerColumns: null,
                db,
                db.GetService<IRelationalCommandDiagnosticsLogger>(),
                CommandSource.FromSqlQuery),
            cancellationToken);
    }
}
