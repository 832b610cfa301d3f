using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StateHub.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Issue6_DoiCacheFullEvaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "full_evaluation",
                table: "doi_cache",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "full_evaluation",
                table: "doi_cache");
        }
    }
}
