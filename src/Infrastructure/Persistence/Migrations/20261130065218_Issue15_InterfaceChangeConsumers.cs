using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StateHub.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Issue15_InterfaceChangeConsumers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "resolution_forced",
                table: "interface_changes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "interface_change_consumers",
                columns: table => new
                {
                    repo_slug = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    interface_change_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_interface_change_consumers", x => new { x.interface_change_id, x.repo_slug });
                    table.ForeignKey(
                        name: "fk_interface_change_consumers_interface_changes_interface_chan",
                        column: x => x.interface_change_id,
                        principalTable: "interface_changes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_interface_change_consumers_repo_slug_status",
                table: "interface_change_consumers",
                columns: new[] { "repo_slug", "status" });

            // Changes published before consumers were tracked: each affected repo was notified.
            migrationBuilder.Sql(
                """
                INSERT INTO interface_change_consumers (interface_change_id, repo_slug, status, note, updated_at)
                SELECT c.id, s.slug, 'notified', NULL, COALESCE(c.published_at, c.updated_at)
                FROM interface_changes c CROSS JOIN LATERAL unnest(c.affected_repo_slugs) AS s(slug)
                WHERE c.status IN ('published', 'resolved')
                ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "interface_change_consumers");

            migrationBuilder.DropColumn(
                name: "resolution_forced",
                table: "interface_changes");
        }
    }
}
