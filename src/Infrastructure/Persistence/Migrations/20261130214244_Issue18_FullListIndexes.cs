using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StateHub.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Issue18_FullListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_repo_goals_repo_id_priority_created_at",
                table: "repo_goals",
                columns: new[] { "repo_id", "priority", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_repo_id_created_at",
                table: "inbox_messages",
                columns: new[] { "repo_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_repo_goals_repo_id_priority_created_at",
                table: "repo_goals");

            migrationBuilder.DropIndex(
                name: "ix_inbox_messages_repo_id_created_at",
                table: "inbox_messages");
        }
    }
}
