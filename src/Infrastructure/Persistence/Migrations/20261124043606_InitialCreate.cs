using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StateHub.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "domains",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    slug = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_domains", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "managed_repos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    domain_id = table.Column<Guid>(type: "uuid", nullable: false),
                    slug = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    local_path = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    remote_url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    git_fingerprint = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    topic_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    host_paths = table.Column<string>(type: "jsonb", nullable: false),
                    last_sbom_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_state_synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_managed_repos", x => x.id);
                    table.ForeignKey(
                        name: "fk_managed_repos_domains_domain_id",
                        column: x => x.domain_id,
                        principalTable: "domains",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "doi_cache",
                columns: table => new
                {
                    repo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    core_pass = table.Column<bool>(type: "boolean", nullable: false),
                    standard_pass = table.Column<bool>(type: "boolean", nullable: false),
                    full_pass = table.Column<bool>(type: "boolean", nullable: false),
                    criteria = table.Column<string>(type: "jsonb", nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_doi_cache", x => x.repo_id);
                    table.ForeignKey(
                        name: "fk_doi_cache_repos_repo_id",
                        column: x => x.repo_id,
                        principalTable: "managed_repos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "interface_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    origin_repo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    change_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    interface_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    affected_repo_slugs = table.Column<List<string>>(type: "text[]", nullable: false),
                    affected_paths = table.Column<List<string>>(type: "text[]", nullable: false),
                    planned_for = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_note = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_interface_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_interface_changes_repos_origin_repo_id",
                        column: x => x.origin_repo_id,
                        principalTable: "managed_repos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "progress_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    repo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    data = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_progress_events_managed_repos_repo_id",
                        column: x => x.repo_id,
                        principalTable: "managed_repos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "repo_facts",
                columns: table => new
                {
                    repo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    root_files = table.Column<List<string>>(type: "text[]", nullable: false),
                    workplan_files = table.Column<string>(type: "jsonb", nullable: false),
                    root_commit = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    collected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_repo_facts", x => x.repo_id);
                    table.ForeignKey(
                        name: "fk_repo_facts_managed_repos_repo_id",
                        column: x => x.repo_id,
                        principalTable: "managed_repos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "repo_goals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    repo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_repo_goals", x => x.id);
                    table.ForeignKey(
                        name: "fk_repo_goals_managed_repos_repo_id",
                        column: x => x.repo_id,
                        principalTable: "managed_repos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tpsc_snapshots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    repo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    snapshot_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    components = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tpsc_snapshots", x => x.id);
                    table.ForeignKey(
                        name: "fk_tpsc_snapshots_managed_repos_repo_id",
                        column: x => x.repo_id,
                        principalTable: "managed_repos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workstreams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    repo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source_path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workstreams", x => x.id);
                    table.ForeignKey(
                        name: "fk_workstreams_managed_repos_repo_id",
                        column: x => x.repo_id,
                        principalTable: "managed_repos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    repo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    interface_change_id = table.Column<Guid>(type: "uuid", nullable: true),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_inbox_messages_interface_changes_interface_change_id",
                        column: x => x.interface_change_id,
                        principalTable: "interface_changes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_inbox_messages_repos_repo_id",
                        column: x => x.repo_id,
                        principalTable: "managed_repos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workstream_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false, defaultValue: 3),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    needs_human = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_tasks_workstreams_workstream_id",
                        column: x => x.workstream_id,
                        principalTable: "workstreams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_domains_slug",
                table: "domains",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_interface_change_id_repo_id_kind",
                table: "inbox_messages",
                columns: new[] { "interface_change_id", "repo_id", "kind" },
                unique: true,
                filter: "interface_change_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_unread",
                table: "inbox_messages",
                columns: new[] { "repo_id", "created_at" },
                filter: "read_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_interface_changes_affected_repo_slugs",
                table: "interface_changes",
                column: "affected_repo_slugs")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_interface_changes_origin_repo_id",
                table: "interface_changes",
                column: "origin_repo_id");

            migrationBuilder.CreateIndex(
                name: "ix_interface_changes_status_created_at",
                table: "interface_changes",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_managed_repos_domain_id",
                table: "managed_repos",
                column: "domain_id");

            migrationBuilder.CreateIndex(
                name: "ix_managed_repos_git_fingerprint",
                table: "managed_repos",
                column: "git_fingerprint");

            migrationBuilder.CreateIndex(
                name: "ix_managed_repos_name",
                table: "managed_repos",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_managed_repos_remote_url",
                table: "managed_repos",
                column: "remote_url");

            migrationBuilder.CreateIndex(
                name: "ix_managed_repos_slug",
                table: "managed_repos",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_progress_events_repo_id_created_at",
                table: "progress_events",
                columns: new[] { "repo_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_repo_goals_active",
                table: "repo_goals",
                columns: new[] { "repo_id", "priority", "created_at" },
                filter: "status = 'active'");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_open",
                table: "tasks",
                columns: new[] { "workstream_id", "priority", "created_at" },
                filter: "status IN ('todo', 'in_progress')");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_workstream_id_key",
                table: "tasks",
                columns: new[] { "workstream_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tpsc_snapshots_repo_id_snapshot_at",
                table: "tpsc_snapshots",
                columns: new[] { "repo_id", "snapshot_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workstreams_active",
                table: "workstreams",
                columns: new[] { "repo_id", "created_at" },
                filter: "status = 'active'");

            migrationBuilder.CreateIndex(
                name: "ix_workstreams_repo_id_key",
                table: "workstreams",
                columns: new[] { "repo_id", "key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "doi_cache");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "progress_events");

            migrationBuilder.DropTable(
                name: "repo_facts");

            migrationBuilder.DropTable(
                name: "repo_goals");

            migrationBuilder.DropTable(
                name: "tasks");

            migrationBuilder.DropTable(
                name: "tpsc_snapshots");

            migrationBuilder.DropTable(
                name: "interface_changes");

            migrationBuilder.DropTable(
                name: "workstreams");

            migrationBuilder.DropTable(
                name: "managed_repos");

            migrationBuilder.DropTable(
                name: "domains");
        }
    }
}
