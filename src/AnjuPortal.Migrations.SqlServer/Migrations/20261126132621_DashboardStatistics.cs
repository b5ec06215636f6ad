using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnjuPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DashboardStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProgressStats",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    Frozen = table.Column<bool>(type: "bit", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    PlanUnitsToStart = table.Column<int>(type: "int", nullable: false),
                    PlanUnitsToComplete = table.Column<int>(type: "int", nullable: false),
                    PlanHouseholdsToResolve = table.Column<int>(type: "int", nullable: false),
                    Projects = table.Column<int>(type: "int", nullable: false),
                    UnitsStarted = table.Column<long>(type: "bigint", nullable: false),
                    UnitsBasicallyCompleted = table.Column<long>(type: "bigint", nullable: false),
                    InvestmentCompleted = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    HouseholdsResolved = table.Column<long>(type: "bigint", nullable: false),
                    HouseholdsWaiting = table.Column<long>(type: "bigint", nullable: false),
                    ReportingUnits = table.Column<int>(type: "int", nullable: false),
                    ApprovedUnits = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressStats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressStats_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressStats_JurisdictionId_Year_Month",
                table: "ProgressStats",
                columns: new[] { "JurisdictionId", "Year", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgressStats_Year_Month_Frozen",
                table: "ProgressStats",
                columns: new[] { "Year", "Month", "Frozen" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgressStats");
        }
    }
}
