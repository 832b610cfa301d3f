using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StateHub.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Cleanup_RepoNavigations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
