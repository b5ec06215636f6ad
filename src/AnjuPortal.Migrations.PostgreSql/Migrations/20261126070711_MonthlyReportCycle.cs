using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AnjuPortal.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class MonthlyReportCycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MonthlyReports_ReportingPeriodId",
                table: "MonthlyReports");

            migrationBuilder.AddColumn<DateOnly>(
                name: "ApprovalDeadline",
                table: "ReportingPeriods",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "ProgressAsOf",
                table: "Projects",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "MonthlyReports",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CorrectionReason",
                table: "MonthlyReports",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DaysLate",
                table: "MonthlyReports",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FirstSubmittedAt",
                table: "MonthlyReports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LateReason",
                table: "MonthlyReports",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReturnedAt",
                table: "MonthlyReports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnedBy",
                table: "MonthlyReports",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmittedBy",
                table: "MonthlyReports",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HouseholdsMovedOut",
                table: "MonthlyReportProjectLines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "HouseholdsSigned",
                table: "MonthlyReportProjectLines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ResolvedMonetary",
                table: "MonthlyReportCaseLines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ResolvedOffSite",
                table: "MonthlyReportCaseLines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ResolvedReturn",
                table: "MonthlyReportCaseLines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ResolvedTransitional",
                table: "MonthlyReportCaseLines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "MonthlyReportExplanations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RuleCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    MonthlyReportId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyReportExplanations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthlyReportExplanations_MonthlyReports_MonthlyReportId",
                        column: x => x.MonthlyReportId,
                        principalTable: "MonthlyReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MonthlyReportFundingLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    Received = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Spent = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    MonthlyReportId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyReportFundingLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthlyReportFundingLines_MonthlyReports_MonthlyReportId",
                        column: x => x.MonthlyReportId,
                        principalTable: "MonthlyReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MonthlyReportHistory",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: true),
                    MonthlyReportId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyReportHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthlyReportHistory_MonthlyReports_MonthlyReportId",
                        column: x => x.MonthlyReportId,
                        principalTable: "MonthlyReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReports_ReportingPeriodId_Status",
                table: "MonthlyReports",
                columns: new[] { "ReportingPeriodId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReportExplanations_MonthlyReportId_Key",
                table: "MonthlyReportExplanations",
                columns: new[] { "MonthlyReportId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReportFundingLines_MonthlyReportId_ProjectId_Source",
                table: "MonthlyReportFundingLines",
                columns: new[] { "MonthlyReportId", "ProjectId", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReportHistory_MonthlyReportId",
                table: "MonthlyReportHistory",
                column: "MonthlyReportId");

            // Periods opened before the approval window existed end it ten days after their deadline (the 5th -> the 15th);
            // reports submitted before first submissions were recorded were first submitted when they were submitted.
            migrationBuilder.Sql("UPDATE \"ReportingPeriods\" SET \"ApprovalDeadline\" = \"SubmissionDeadline\" + 10;");
            migrationBuilder.Sql("UPDATE \"MonthlyReports\" SET \"FirstSubmittedAt\" = \"SubmittedAt\" WHERE \"SubmittedAt\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonthlyReportExplanations");

            migrationBuilder.DropTable(
                name: "MonthlyReportFundingLines");

            migrationBuilder.DropTable(
                name: "MonthlyReportHistory");

            migrationBuilder.DropIndex(
                name: "IX_MonthlyReports_ReportingPeriodId_Status",
                table: "MonthlyReports");

            migrationBuilder.DropColumn(
                name: "ApprovalDeadline",
                table: "ReportingPeriods");

            migrationBuilder.DropColumn(
                name: "ProgressAsOf",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "MonthlyReports");

            migrationBuilder.DropColumn(
                name: "CorrectionReason",
                table: "MonthlyReports");

            migrationBuilder.DropColumn(
                name: "DaysLate",
                table: "MonthlyReports");

            migrationBuilder.DropColumn(
                name: "FirstSubmittedAt",
                table: "MonthlyReports");

            migrationBuilder.DropColumn(
                name: "LateReason",
                table: "MonthlyReports");

            migrationBuilder.DropColumn(
                name: "ReturnedAt",
                table: "MonthlyReports");

            migrationBuilder.DropColumn(
                name: "ReturnedBy",
                table: "MonthlyReports");

            migrationBuilder.DropColumn(
                name: "SubmittedBy",
                table: "MonthlyReports");

            migrationBuilder.DropColumn(
                name: "HouseholdsMovedOut",
                table: "MonthlyReportProjectLines");

            migrationBuilder.DropColumn(
                name: "HouseholdsSigned",
                table: "MonthlyReportProjectLines");

            migrationBuilder.DropColumn(
                name: "ResolvedMonetary",
                table: "MonthlyReportCaseLines");

            migrationBuilder.DropColumn(
                name: "ResolvedOffSite",
                table: "MonthlyReportCaseLines");

            migrationBuilder.DropColumn(
                name: "ResolvedReturn",
                table: "MonthlyReportCaseLines");

            migrationBuilder.DropColumn(
                name: "ResolvedTransitional",
                table: "MonthlyReportCaseLines");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReports_ReportingPeriodId",
                table: "MonthlyReports",
                column: "ReportingPeriodId");
        }
    }
}
