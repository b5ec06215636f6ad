using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnjuPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class MonthlyNoticeDraft : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PeriodMonth",
                table: "OfficialNotices",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PeriodYear",
                table: "OfficialNotices",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfficialNotices_JurisdictionId_PeriodYear_PeriodMonth",
                table: "OfficialNotices",
                columns: new[] { "JurisdictionId", "PeriodYear", "PeriodMonth" },
                unique: true,
                filter: "[PeriodYear] IS NOT NULL AND [PeriodMonth] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OfficialNotices_JurisdictionId_PeriodYear_PeriodMonth",
                table: "OfficialNotices");

            migrationBuilder.DropColumn(
                name: "PeriodMonth",
                table: "OfficialNotices");

            migrationBuilder.DropColumn(
                name: "PeriodYear",
                table: "OfficialNotices");
        }
    }
}
