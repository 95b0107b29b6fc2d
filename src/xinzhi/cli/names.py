"""Names the command-line help lists, kept here so that ``xinzhi --help`` does not import the
schema (and with it pandas): the workspace tables and the delivery templates. A test checks them
against :data:`xinzhi.schema.TABLES` and :data:`xinzhi.delivery.templates.TEMPLATES`."""

TABLE_NAMES = (
    "region", "industry", "taxonomy", "region_industry_year", "enterprise", "enterprise_year", "park", "cluster",
    "cluster_member", "chain_node", "chain_edge", "chain_node_map", "chain_candidate", "indicator",
    "indicator_value", "target", "project", "project_progress", "project_milestone", "gradient_application",
    "digital_assessment", "digital_answer", "document", "fact", "fact_source", "priority", "support_declaration",
    "digital_solution", "digital_provider", "support_resource", "loan_product",
)
TEMPLATE_NAMES = ("targets", "projects", "indicators", "catalog", "progress", "milestones", "candidates", "declarations", "solutions", "providers", "resources", "loan_products")
