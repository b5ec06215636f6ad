using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AnjuPortal.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class OverdueLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AgreedReturnDate",
                table: "OverdueHouseholds",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AgreementKind",
                table: "OverdueHouseholds",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AgreementNumber",
                table: "OverdueHouseholds",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AgreementSignedOn",
                table: "OverdueHouseholds",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DuplicateOfId",
                table: "OverdueHouseholds",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DuplicateReason",
                table: "OverdueHouseholds",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsFlaggedDuplicate",
                table: "OverdueHouseholds",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "TransitionFeesOwed",
                table: "OverdueHouseholds",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "TransitionFeesPaid",
                table: "OverdueHouseholds",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "TransitionMonths",
                table: "OverdueHouseholds",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AcceptanceDate",
                table: "OverdueCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AccountsSealedOn",
                table: "OverdueCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AlternativeMethod",
                table: "OverdueCases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Backstop",
                table: "OverdueCases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BackstopPlan",
                table: "OverdueCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "BondFunds",
                table: "OverdueCases",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConstructionProgress",
                table: "OverdueCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsultationOutcome",
                table: "OverdueCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CourtCaseNumber",
                table: "OverdueCases",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CourtName",
                table: "OverdueCases",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeveloperName",
                table: "OverdueCases",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExpectedDeliveryDate",
                table: "OverdueCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FallbackMethod",
                table: "OverdueCases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FundingPlan",
                table: "OverdueCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "InfrastructureFunds",
                table: "OverdueCases",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InfrastructurePlan",
                table: "OverdueCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "JointMeetingDate",
                table: "OverdueCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalProcess",
                table: "OverdueCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LiquidationStatus",
                table: "OverdueCases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Measures",
                table: "OverdueCases",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MissingApprovals",
                table: "OverdueCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MissingInfrastructure",
                table: "OverdueCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NewDeveloper",
                table: "OverdueCases",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NotStartedCause",
                table: "OverdueCases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PerformanceOrderedOn",
                table: "OverdueCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProjectRunner",
                table: "OverdueCases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RightsRevokedOn",
                table: "OverdueCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupplementaryAgreementTerms",
                table: "OverdueCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TakeoverCompany",
                table: "OverdueCases",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "UnpaidTaxes",
                table: "OverdueCases",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WishesSurvey",
                table: "OverdueCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseClosureSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    JurisdictionId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseClosureSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseClosureSteps_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseClosureSteps_Jurisdictions_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseClosureSteps_OverdueCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "OverdueCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OverdueCaseCategoryChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FromCategory = table.Column<int>(type: "integer", nullable: false),
                    ToCategory = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CaseId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OverdueCaseCategoryChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OverdueCaseCategoryChanges_OverdueCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "OverdueCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OverdueCaseMilestones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CaseId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OverdueCaseMilestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OverdueCaseMilestones_OverdueCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "OverdueCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StepId = table.Column<int>(type: "integer", nullable: false),
                    JurisdictionId = table.Column<int>(type: "integer", nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FileType = table.Column<int>(type: "integer", nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceAttachments_CaseClosureSteps_StepId",
                        column: x => x.StepId,
                        principalTable: "CaseClosureSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvidenceAttachments_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosureSteps_CaseId_At",
                table: "CaseClosureSteps",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosureSteps_JurisdictionId",
                table: "CaseClosureSteps",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosureSteps_UnitId",
                table: "CaseClosureSteps",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceAttachments_JurisdictionId",
                table: "EvidenceAttachments",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceAttachments_StepId",
                table: "EvidenceAttachments",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceAttachments_StorageKey",
                table: "EvidenceAttachments",
                column: "StorageKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OverdueCaseCategoryChanges_CaseId",
                table: "OverdueCaseCategoryChanges",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_OverdueCaseMilestones_CaseId_DueDate",
                table: "OverdueCaseMilestones",
                columns: new[] { "CaseId", "DueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvidenceAttachments");

            migrationBuilder.DropTable(
                name: "OverdueCaseCategoryChanges");

            migrationBuilder.DropTable(
                name: "OverdueCaseMilestones");

            migrationBuilder.DropTable(
                name: "CaseClosureSteps");

            migrationBuilder.DropColumn(
                name: "AgreedReturnDate",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "AgreementKind",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "AgreementNumber",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "AgreementSignedOn",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "DuplicateOfId",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "DuplicateReason",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "IsFlaggedDuplicate",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "TransitionFeesOwed",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "TransitionFeesPaid",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "TransitionMonths",
                table: "OverdueHouseholds");

            migrationBuilder.DropColumn(
                name: "AcceptanceDate",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "AccountsSealedOn",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "AlternativeMethod",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "Backstop",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "BackstopPlan",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "BondFunds",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "ConstructionProgress",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "ConsultationOutcome",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "CourtCaseNumber",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "CourtName",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "DeveloperName",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "ExpectedDeliveryDate",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "FallbackMethod",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "FundingPlan",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "InfrastructureFunds",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "InfrastructurePlan",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "JointMeetingDate",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "LegalProcess",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "LiquidationStatus",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "Measures",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "MissingApprovals",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "MissingInfrastructure",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "NewDeveloper",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "NotStartedCause",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "PerformanceOrderedOn",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "ProjectRunner",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "RightsRevokedOn",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "SupplementaryAgreementTerms",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "TakeoverCompany",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "UnpaidTaxes",
                table: "OverdueCases");

            migrationBuilder.DropColumn(
                name: "WishesSurvey",
                table: "OverdueCases");
        }
    }
}
