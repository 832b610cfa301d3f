using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StateHub.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The log that tells a node whether the fleet's DoI inputs changed since it last read them
    /// (Queries.DoiInputChangeLog): every statement that writes one of the tables the
    /// DoI summary reads notes its transaction id, once per transaction. Writers never wait on each
    /// other for it (each transaction inserts its own key).
    /// </summary>
    public partial class Issue18_DoiInputChangeLog : Migration
    {
        // Every table the fleet's DoI inputs come from (DoiInputsQuery.ListActiveAsync), as of this migration.
        private static readonly string[] Tables =
        [
            "domains", "managed_repos", "repo_facts", "doi_cache", "repo_goals", "tpsc_snapshots", "inbox_messages", "workstreams", "tasks",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE doi_input_changes (
                    xid xid8 NOT NULL CONSTRAINT pk_doi_input_changes PRIMARY KEY,
                    changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
                );
                CREATE INDEX ix_doi_input_changes_changed_at ON doi_input_changes (changed_at);

                -- SET search_path FROM CURRENT: the log is found wherever the writer's own search_path points.
                CREATE FUNCTION statehub_note_doi_input_change() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                BEGIN
                    INSERT INTO doi_input_changes (xid) VALUES (pg_current_xact_id()) ON CONFLICT (xid) DO NOTHING;
                    RETURN NULL;
                END
                $$;
                """);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER trg_{table}_doi_input_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION statehub_note_doi_input_change();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
                migrationBuilder.Sql($"DROP TRIGGER trg_{table}_doi_input_change ON {table};");
            migrationBuilder.Sql("DROP FUNCTION statehub_note_doi_input_change(); DROP TABLE doi_input_changes;");
        }
    }
}
