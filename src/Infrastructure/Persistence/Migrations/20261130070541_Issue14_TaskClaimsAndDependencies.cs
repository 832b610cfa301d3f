using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StateHub.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Issue14_TaskClaimsAndDependencies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "claim_expires_at",
                table: "tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "claim_token",
                table: "tasks",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "claimed_by",
                table: "tasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "task_dependencies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    blocked_by_task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    blocked_by_interface_change_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_dependencies", x => x.id);
                    table.CheckConstraint("ck_task_dependencies_one_blocker", "(blocked_by_task_id IS NULL) <> (blocked_by_interface_change_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_task_dependencies_interface_changes_blocked_by_interface_ch",
                        column: x => x.blocked_by_interface_change_id,
                        principalTable: "interface_changes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_task_dependencies_tasks_blocked_by_task_id",
                        column: x => x.blocked_by_task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_task_dependencies_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_claim_expiry",
                table: "tasks",
                column: "claim_expires_at",
                filter: "claim_expires_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_task_dependencies_blocked_by_interface_change_id",
                table: "task_dependencies",
                column: "blocked_by_interface_change_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_dependencies_blocked_by_task_id",
                table: "task_dependencies",
                column: "blocked_by_task_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_dependencies_task_id_blocked_by_interface_change_id",
                table: "task_dependencies",
                columns: new[] { "task_id", "blocked_by_interface_change_id" },
                unique: true,
                filter: "blocked_by_interface_change_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_task_dependencies_task_id_blocked_by_task_id",
                table: "task_dependencies",
                columns: new[] { "task_id", "blocked_by_task_id" },
                unique: true,
                filter: "blocked_by_task_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_dependencies");

            migrationBuilder.DropIndex(
                name: "ix_tasks_claim_expiry",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "claim_expires_at",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "claim_token",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "claimed_by",
                table: "tasks");
        }
    }
}
