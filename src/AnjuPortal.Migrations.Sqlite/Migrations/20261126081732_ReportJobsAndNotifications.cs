using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnjuPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportJobsAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecipientUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportingPeriodId = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DeduplicationKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Notifications_ReportingPeriods_ReportingPeriodId",
                        column: x => x.ReportingPeriodId,
                        principalTable: "ReportingPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PeriodSnapshots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportingPeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    MonthlyReportId = table.Column<int>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: true),
                    Submitted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DaysLate = table.Column<int>(type: "INTEGER", nullable: true),
                    ProjectCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitsStarted = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitsBasicallyCompleted = table.Column<int>(type: "INTEGER", nullable: false),
                    InvestmentCompleted = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    FundsReceived = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    FundsSpent = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    HouseholdsSigned = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdsMovedOut = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdsResolvedThisMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdsResolvedInYear = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeriodSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeriodSnapshots_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PeriodSnapshots_MonthlyReports_MonthlyReportId",
                        column: x => x.MonthlyReportId,
                        principalTable: "MonthlyReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PeriodSnapshots_ReportingPeriods_ReportingPeriodId",
                        column: x => x.ReportingPeriodId,
                        principalTable: "ReportingPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_JurisdictionId",
                table: "Notifications",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientUserId_DeduplicationKey",
                table: "Notifications",
                columns: new[] { "RecipientUserId", "DeduplicationKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientUserId_ReadAt",
                table: "Notifications",
                columns: new[] { "RecipientUserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_ReportingPeriodId",
                table: "Notifications",
                column: "ReportingPeriodId");

            migrationBuilder.CreateIndex(
                name: "IX_PeriodSnapshots_JurisdictionId",
                table: "PeriodSnapshots",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_PeriodSnapshots_MonthlyReportId",
                table: "PeriodSnapshots",
                column: "MonthlyReportId");

            migrationBuilder.CreateIndex(
                name: "IX_PeriodSnapshots_ReportingPeriodId_JurisdictionId",
                table: "PeriodSnapshots",
                columns: new[] { "ReportingPeriodId", "JurisdictionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "PeriodSnapshots");
        }
    }
}
