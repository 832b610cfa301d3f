using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StateHub.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// A claim lives only on an in_progress task (WorkTask.ChangeStatus now ends it when a sync moves
    /// the task elsewhere); before that, a sync could leave one on a todo, done or cancelled task,
    /// where claim-next would pick the task and then refuse it. Clears those.
    /// </summary>
    public partial class ClaimsOnlyOnInProgressTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE tasks SET claimed_by = NULL, claim_expires_at = NULL
                WHERE status <> 'in_progress' AND (claimed_by IS NOT NULL OR claim_expires_at IS NOT NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to restore: the cleared claims meant nothing.
        }
    }
}
