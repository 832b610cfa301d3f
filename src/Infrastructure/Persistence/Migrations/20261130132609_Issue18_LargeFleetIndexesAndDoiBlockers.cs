using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StateHub.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Issue18_LargeFleetIndexesAndDoiBlockers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The repo list's order, lower(name), name, slug (RepoRepository.ListPageAsync): an expression index,
            // which the model cannot declare, so it lives here alone.
            migrationBuilder.Sql("CREATE INDEX ix_managed_repos_lower_name_name_slug ON managed_repos (lower(name), name, slug);");

            migrationBuilder.AddColumn<string[]>(
                name: "next_tier_blockers",
                table: "doi_cache",
                type: "text[]",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_dependencies_task_id",
                table: "task_dependencies",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_interface_changes_created_at_id",
                table: "interface_changes",
                columns: new[] { "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_managed_repos_lower_name_name_slug;");

            migrationBuilder.DropIndex(
                name: "ix_task_dependencies_task_id",
                table: "task_dependencies");

            migrationBuilder.DropIndex(
                name: "ix_interface_changes_created_at_id",
                table: "interface_changes");

            migrationBuilder.DropColumn(
                name: "next_tier_blockers",
                table: "doi_cache");
        }
    }
}
