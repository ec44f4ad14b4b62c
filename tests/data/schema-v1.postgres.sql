--
-- PostgreSQL database dump
--

\restrict bStE7QnJ3T44Asi2XAZ0Vf4qmlqpETXYv8FL5vGaGlW6RPnBdc7kcnukgLffslZ

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: verify_v1; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA verify_v1;


--
-- Name: passage_tsv(); Type: FUNCTION; Schema: verify_v1; Owner: -
--

CREATE FUNCTION verify_v1.passage_tsv() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
       BEGIN
         NEW.tsv := setweight(to_tsvector('english', NEW.text), 'A') ||
                    setweight(to_tsvector('english', coalesce(
                      (SELECT title FROM source WHERE id = NEW.source_id), '')), 'C');
         RETURN NEW;
       END $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: article; Type: TABLE; Schema: verify_v1; Owner: -
--

CREATE TABLE verify_v1.article (
    id integer NOT NULL,
    title character varying NOT NULL,
    publisher character varying,
    url character varying,
    published_at character varying,
    path character varying,
    text text NOT NULL,
    sha256 character varying NOT NULL,
    imported_at timestamp with time zone NOT NULL
);


--
-- Name: article_id_seq; Type: SEQUENCE; Schema: verify_v1; Owner: -
--

CREATE SEQUENCE verify_v1.article_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: article_id_seq; Type: SEQUENCE OWNED BY; Schema: verify_v1; Owner: -
--

ALTER SEQUENCE verify_v1.article_id_seq OWNED BY verify_v1.article.id;


--
-- Name: audit_event; Type: TABLE; Schema: verify_v1; Owner: -
--

CREATE TABLE verify_v1.audit_event (
    id integer NOT NULL,
    at timestamp with time zone NOT NULL,
    analyst character varying NOT NULL,
    action character varying NOT NULL,
    entity character varying NOT NULL,
    entity_id integer,
    claim_id integer,
    before json,
    after json
);


--
-- Name: audit_event_id_seq; Type: SEQUENCE; Schema: verify_v1; Owner: -
--

CREATE SEQUENCE verify_v1.audit_event_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_event_id_seq; Type: SEQUENCE OWNED BY; Schema: verify_v1; Owner: -
--

ALTER SEQUENCE verify_v1.audit_event_id_seq OWNED BY verify_v1.audit_event.id;


--
-- Name: claim; Type: TABLE; Schema: verify_v1; Owner: -
--

CREATE TABLE verify_v1.claim (
    id integer NOT NULL,
    article_id integer NOT NULL,
    ordinal integer NOT NULL,
    text text NOT NULL,
    sentence text NOT NULL,
    start integer NOT NULL,
    "end" integer NOT NULL,
    speaker character varying,
    kind character varying NOT NULL,
    checkworthiness double precision NOT NULL,
    features json NOT NULL,
    merged json NOT NULL,
    status character varying NOT NULL,
    assigned_to character varying,
    version integer NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: claim_id_seq; Type: SEQUENCE; Schema: verify_v1; Owner: -
--

CREATE SEQUENCE verify_v1.claim_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: claim_id_seq; Type: SEQUENCE OWNED BY; Schema: verify_v1; Owner: -
--

ALTER SEQUENCE verify_v1.claim_id_seq OWNED BY verify_v1.claim.id;


--
-- Name: evidence_link; Type: TABLE; Schema: verify_v1; Owner: -
--

CREATE TABLE verify_v1.evidence_link (
    id integer NOT NULL,
    claim_id integer NOT NULL,
    passage_id integer NOT NULL,
    score double precision NOT NULL,
    rank integer NOT NULL,
    method character varying NOT NULL,
    span_start integer,
    span_end integer,
    stance_hint character varying NOT NULL,
    stance_reason character varying,
    stance character varying,
    labelled_by character varying,
    labelled_at timestamp with time zone,
    note character varying
);


--
-- Name: evidence_link_id_seq; Type: SEQUENCE; Schema: verify_v1; Owner: -
--

CREATE SEQUENCE verify_v1.evidence_link_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: evidence_link_id_seq; Type: SEQUENCE OWNED BY; Schema: verify_v1; Owner: -
--

ALTER SEQUENCE verify_v1.evidence_link_id_seq OWNED BY verify_v1.evidence_link.id;


--
-- Name: passage; Type: TABLE; Schema: verify_v1; Owner: -
--

CREATE TABLE verify_v1.passage (
    id integer NOT NULL,
    source_id integer NOT NULL,
    ordinal integer NOT NULL,
    text text NOT NULL,
    start integer NOT NULL,
    "end" integer NOT NULL,
    tsv tsvector
);


--
-- Name: passage_id_seq; Type: SEQUENCE; Schema: verify_v1; Owner: -
--

CREATE SEQUENCE verify_v1.passage_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: passage_id_seq; Type: SEQUENCE OWNED BY; Schema: verify_v1; Owner: -
--

ALTER SEQUENCE verify_v1.passage_id_seq OWNED BY verify_v1.passage.id;


--
-- Name: schema_info; Type: TABLE; Schema: verify_v1; Owner: -
--

CREATE TABLE verify_v1.schema_info (
    id integer NOT NULL,
    version integer NOT NULL
);


--
-- Name: source; Type: TABLE; Schema: verify_v1; Owner: -
--

CREATE TABLE verify_v1.source (
    id integer NOT NULL,
    title character varying,
    publisher character varying,
    url character varying,
    path character varying,
    line integer,
    external_id character varying,
    published_at character varying,
    reliability double precision,
    format character varying NOT NULL,
    text text NOT NULL,
    sha256 character varying NOT NULL,
    imported_at timestamp with time zone NOT NULL
);


--
-- Name: source_id_seq; Type: SEQUENCE; Schema: verify_v1; Owner: -
--

CREATE SEQUENCE verify_v1.source_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: source_id_seq; Type: SEQUENCE OWNED BY; Schema: verify_v1; Owner: -
--

ALTER SEQUENCE verify_v1.source_id_seq OWNED BY verify_v1.source.id;


--
-- Name: verdict; Type: TABLE; Schema: verify_v1; Owner: -
--

CREATE TABLE verify_v1.verdict (
    id integer NOT NULL,
    claim_id integer NOT NULL,
    rating character varying NOT NULL,
    rating_value integer,
    confidence double precision,
    rationale text,
    analyst character varying NOT NULL,
    created_at timestamp with time zone NOT NULL,
    state character varying NOT NULL,
    supersedes_id integer
);


--
-- Name: verdict_id_seq; Type: SEQUENCE; Schema: verify_v1; Owner: -
--

CREATE SEQUENCE verify_v1.verdict_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: verdict_id_seq; Type: SEQUENCE OWNED BY; Schema: verify_v1; Owner: -
--

ALTER SEQUENCE verify_v1.verdict_id_seq OWNED BY verify_v1.verdict.id;


--
-- Name: article id; Type: DEFAULT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.article ALTER COLUMN id SET DEFAULT nextval('verify_v1.article_id_seq'::regclass);


--
-- Name: audit_event id; Type: DEFAULT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.audit_event ALTER COLUMN id SET DEFAULT nextval('verify_v1.audit_event_id_seq'::regclass);


--
-- Name: claim id; Type: DEFAULT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.claim ALTER COLUMN id SET DEFAULT nextval('verify_v1.claim_id_seq'::regclass);


--
-- Name: evidence_link id; Type: DEFAULT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.evidence_link ALTER COLUMN id SET DEFAULT nextval('verify_v1.evidence_link_id_seq'::regclass);


--
-- Name: passage id; Type: DEFAULT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.passage ALTER COLUMN id SET DEFAULT nextval('verify_v1.passage_id_seq'::regclass);


--
-- Name: source id; Type: DEFAULT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.source ALTER COLUMN id SET DEFAULT nextval('verify_v1.source_id_seq'::regclass);


--
-- Name: verdict id; Type: DEFAULT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.verdict ALTER COLUMN id SET DEFAULT nextval('verify_v1.verdict_id_seq'::regclass);


--
-- Data for Name: article; Type: TABLE DATA; Schema: verify_v1; Owner: -
--

COPY verify_v1.article (id, title, publisher, url, published_at, path, text, sha256, imported_at) FROM stdin;
1	Ruritania to reopen Kovar harbour after three-week closure	\N	\N	\N	/work/main/tests/data/articles/harbour-reopening.txt	Ruritania to reopen Kovar harbour after three-week closure\nThe speaker of Ruritania's parliament says the harbour at Kovar will reopen to fishing boats on Monday.\n2 hours agoMon 4 May 2026 at 9:15am\nDaniel Okafor announced the reopening at a press conference in Kovar on Sunday. (Northwire: Ilse Brandt)\nIn short:\nKovar harbour will reopen to fishing boats on Monday, the speaker of Ruritania's parliament says.\nHarbour Watch says 412 boats have been stuck in port since the closure began.\nThe government says no vessels were damaged while the harbour was shut.\nThe harbour at Kovar will reopen to fishing boats on Monday, the speaker of Ruritania's parliament says.\nThe closure was a necessary safety measure, Daniel Okafor said, adding that the repairs had finished ahead of schedule.\n"The breakwater has been rebuilt in full and inspected twice, and the port authority has signed off on every section," Mr Okafor said.\nMr. Okafor did not say how much the repairs cost.\nThe Harbour Watch group says there are 412 fishing boats stuck in port, including 37 from the No. 5 dock.\nThe group says most of the stranded crews have not been paid since April.\nDespite complaints from fishing crews, Ruritania's government maintains it did not lose any revenue during the closure.\nFuel prices in the port rose 3.5 per cent in April, according to the National Statistics Office.\nIt is a great day for our town.\nRuritania's Foreign Minister Petra Lind said that she expected boats from Valdoria to return within a week.\nShe said if confirmed, it would be "a relief for both coasts".\n"We never asked for special treatment," said Tomas Brandt, who chairs the Kovar Fishers' Union.\nNorthwire/CPA\nRelated stories:\nFishing crews protest slow repairs in Kovar\nValdoria and Ruritania sign new fishing pact\nTopics: Ruritania, fishing, ports	48d51cfc12d2e62506acf7f8f1ff193a4036d1d24466516ffd6e2bcad275b96c	2026-11-28 12:13:47.428156+00
\.


--
-- Data for Name: audit_event; Type: TABLE DATA; Schema: verify_v1; Owner: -
--

COPY verify_v1.audit_event (id, at, analyst, action, entity, entity_id, claim_id, before, after) FROM stdin;
1	2026-11-28 12:13:48.887666+00	ana	verdict	verdict	1	1	null	{"id": 1, "rating": "Mostly true", "rating_value": 4, "confidence": 0.7, "rationale": "Two sources agree.", "analyst": "ana", "state": "submitted"}
\.


--
-- Data for Name: claim; Type: TABLE DATA; Schema: verify_v1; Owner: -
--

COPY verify_v1.claim (id, article_id, ordinal, text, sentence, start, "end", speaker, kind, checkworthiness, features, merged, status, assigned_to, version, updated_at) FROM stdin;
2	1	1	The harbour at Kovar will reopen to fishing boats on Monday, the speaker of Ruritania's parliament says.	The harbour at Kovar will reopen to fishing boats on Monday, the speaker of Ruritania's parliament says.	562	666	the speaker of Ruritania's parliament	statement	0.7	{"named_entity": 0.1, "more_entities": 0.05, "attribution": 0.1, "reported_action": 0.1, "time_reference": 0.05}	["The speaker of Ruritania's parliament says the harbour at Kovar will reopen to fishing boats on Monday.", "Kovar harbour will reopen to fishing boats on Monday, the speaker of Ruritania's parliament says."]	open	\N	1	2026-11-28 12:13:47.440407+00
3	1	2	The closure was a necessary safety measure, Daniel Okafor said, adding that the repairs had finished ahead of schedule.	The closure was a necessary safety measure, Daniel Okafor said, adding that the repairs had finished ahead of schedule.	667	786	Daniel Okafor	statement	0.5	{"named_entity": 0.1, "attribution": 0.1}	[]	open	\N	1	2026-11-28 12:13:47.440412+00
4	1	3	"The breakwater has been rebuilt in full and inspected twice, and the port authority has signed off on every section," Mr Okafor said.	"The breakwater has been rebuilt in full and inspected twice, and the port authority has signed off on every section," Mr Okafor said.	787	921	Daniel Okafor	quote	0.9	{"absolute_or_negation": 0.15, "named_entity": 0.1, "attribution": 0.1, "direct_quote": 0.05, "comparison": 0.1, "reported_action": 0.1}	[]	open	\N	1	2026-11-28 12:13:47.440414+00
5	1	4	Mr. Okafor did not say how much the repairs cost.	Mr. Okafor did not say how much the repairs cost.	922	971	\N	statement	0.55	{"absolute_or_negation": 0.15, "named_entity": 0.1}	[]	open	\N	1	2026-11-28 12:13:47.447016+00
6	1	5	The Harbour Watch group says there are 412 fishing boats stuck in port, including 37 from the No. 5 dock.	The Harbour Watch group says there are 412 fishing boats stuck in port, including 37 from the No. 5 dock.	972	1077	Harbour Watch	statistic	0.9	{"quantity": 0.2, "precise_quantity": 0.0, "more_quantities": 0.05, "absolute_or_negation": 0.15, "named_entity": 0.1, "attribution": 0.1}	["Harbour Watch says 412 boats have been stuck in port since the closure began."]	open	\N	1	2026-11-28 12:13:47.448633+00
7	1	6	The group says most of the stranded crews have not been paid since April.	The group says most of the stranded crews have not been paid since April.	1078	1151	Harbour Watch	statement	0.8	{"absolute_or_negation": 0.15, "attribution": 0.1, "comparison": 0.1, "reported_action": 0.1, "time_reference": 0.05}	[]	open	\N	1	2026-11-28 12:13:47.448639+00
8	1	7	Despite complaints from fishing crews, Ruritania's government maintains it did not lose any revenue during the closure.	Despite complaints from fishing crews, Ruritania's government maintains it did not lose any revenue during the closure.	1152	1271	Ruritania's government	statement	0.75	{"absolute_or_negation": 0.15, "named_entity": 0.1, "attribution": 0.1, "reported_action": 0.1}	[]	open	\N	1	2026-11-28 12:13:47.448642+00
9	1	8	Fuel prices in the port rose 3.5 per cent in April, according to the National Statistics Office.	Fuel prices in the port rose 3.5 per cent in April, according to the National Statistics Office.	1272	1368	National Statistics Office	statistic	0.95	{"quantity": 0.2, "precise_quantity": 0.0, "more_quantities": 0.05, "named_entity": 0.1, "more_entities": 0.05, "attribution": 0.1, "comparison": 0.1, "time_reference": 0.05}	[]	open	\N	1	2026-11-28 12:13:47.448643+00
10	1	9	Ruritania's Foreign Minister Petra Lind said that she expected boats from Valdoria to return within a week.	Ruritania's Foreign Minister Petra Lind said that she expected boats from Valdoria to return within a week.	1401	1508	Petra Lind	statement	0.55	{"named_entity": 0.1, "more_entities": 0.05, "attribution": 0.1}	[]	open	\N	1	2026-11-28 12:13:47.448645+00
11	1	10	She said if confirmed, it would be "a relief for both coasts".	She said if confirmed, it would be "a relief for both coasts".	1509	1571	Petra Lind	quote	0.45	{"attribution": 0.1, "direct_quote": 0.05}	[]	open	\N	1	2026-11-28 12:13:47.448647+00
12	1	11	"We never asked for special treatment," said Tomas Brandt, who chairs the Kovar Fishers' Union.	"We never asked for special treatment," said Tomas Brandt, who chairs the Kovar Fishers' Union.	1572	1667	Tomas Brandt	quote	0.75	{"absolute_or_negation": 0.15, "named_entity": 0.1, "more_entities": 0.05, "attribution": 0.1, "direct_quote": 0.05}	[]	open	\N	1	2026-11-28 12:13:47.448648+00
1	1	0	The government says no vessels were damaged while the harbour was shut.	The government says no vessels were damaged while the harbour was shut.	490	561	the government	statement	0.65	{"absolute_or_negation": 0.15, "attribution": 0.1, "reported_action": 0.1}	[]	reviewed	\N	2	2026-11-28 12:13:48.884998+00
\.


--
-- Data for Name: evidence_link; Type: TABLE DATA; Schema: verify_v1; Owner: -
--

COPY verify_v1.evidence_link (id, claim_id, passage_id, score, rank, method, span_start, span_end, stance_hint, stance_reason, stance, labelled_by, labelled_at, note) FROM stdin;
1	1	2	38.16	0	fts+fuzzy	0	23	none	little shared wording	\N	\N	\N	\N
2	1	1	35.02	1	fts+fuzzy	39	89	none	little shared wording	\N	\N	\N	\N
3	2	1	41.64	0	fts+fuzzy	0	44	none	related, no clear signal	\N	\N	\N	\N
4	2	2	30.03	1	fts+fuzzy	0	44	none	little shared wording	\N	\N	\N	\N
5	3	1	38.12	0	fts+fuzzy	63	100	none	little shared wording	\N	\N	\N	\N
6	3	2	36.15	1	fts+fuzzy	41	88	none	little shared wording	\N	\N	\N	\N
7	4	1	41.38	0	fts+fuzzy	76	100	none	related, no clear signal	\N	\N	\N	\N
8	4	2	18.73	1	fts+fuzzy	0	48	none	little shared wording	\N	\N	\N	\N
9	5	1	40.88	0	fts+fuzzy	55	80	none	little shared wording	\N	\N	\N	\N
10	5	2	36.93	1	fts+fuzzy	35	60	none	little shared wording	\N	\N	\N	\N
11	6	1	37.18	0	fts+fuzzy	0	40	none	little shared wording	\N	\N	\N	\N
12	6	2	27.19	1	fts+fuzzy	2	77	none	little shared wording	\N	\N	\N	\N
13	9	1	38.53	0	fts+fuzzy	9	100	none	little shared wording	\N	\N	\N	\N
14	9	2	24.09	1	fts+fuzzy	0	95	none	little shared wording	\N	\N	\N	\N
15	10	1	36.51	0	fts+fuzzy	48	100	none	little shared wording	\N	\N	\N	\N
16	10	2	35.89	1	fts+fuzzy	21	77	none	little shared wording	\N	\N	\N	\N
\.


--
-- Data for Name: passage; Type: TABLE DATA; Schema: verify_v1; Owner: -
--

COPY verify_v1.passage (id, source_id, ordinal, text, start, "end", tsv) FROM stdin;
1	1	0	The harbour of Port Lenna reopened on Monday after eleven weeks of repairs, the port authority said.	0	100	'author':16A 'eleven':10A 'harbour':2A,18C 'lenna':5A 'monday':8A 'port':4A,15A 'reopen':6A,19C 'repair':13A 'said':17A 'week':11A
2	2	0	Port Lenna's harbour stayed closed on Monday; repairs will take two more weeks, engineers said.	0	95	'close':6A 'engin':15A 'harbour':4A,17C 'lenna':2A 'monday':8A 'port':1A 'repair':9A 'said':16A 'shut':19C 'stay':5A 'still':18C 'take':11A 'two':12A 'week':14A
\.


--
-- Data for Name: schema_info; Type: TABLE DATA; Schema: verify_v1; Owner: -
--

COPY verify_v1.schema_info (id, version) FROM stdin;
1	1
\.


--
-- Data for Name: source; Type: TABLE DATA; Schema: verify_v1; Owner: -
--

COPY verify_v1.source (id, title, publisher, url, path, line, external_id, published_at, reliability, format, text, sha256, imported_at) FROM stdin;
1	Harbour reopens	Test Wire (fictional)	\N	ev.jsonl	1	H-1	\N	\N	jsonl	The harbour of Port Lenna reopened on Monday after eleven weeks of repairs, the port authority said.	4ad657528067026e966ebbda1f1cd2bd5548dbafa4117dfc3ebd778fabe7266d	2026-11-28 12:13:45.500934+00
2	Harbour still shut	Test Wire (fictional)	\N	ev.jsonl	2	H-2	\N	\N	jsonl	Port Lenna's harbour stayed closed on Monday; repairs will take two more weeks, engineers said.	072ddbe234806bcd5dfa94eccc7c7018dbfaa79883b68a5f8932c93f07fa399b	2026-11-28 12:13:45.500934+00
\.


--
-- Data for Name: verdict; Type: TABLE DATA; Schema: verify_v1; Owner: -
--

COPY verify_v1.verdict (id, claim_id, rating, rating_value, confidence, rationale, analyst, created_at, state, supersedes_id) FROM stdin;
1	1	Mostly true	4	0.7	Two sources agree.	ana	2026-11-28 12:13:48.879849+00	submitted	\N
\.


--
-- Name: article_id_seq; Type: SEQUENCE SET; Schema: verify_v1; Owner: -
--

SELECT pg_catalog.setval('verify_v1.article_id_seq', 1, true);


--
-- Name: audit_event_id_seq; Type: SEQUENCE SET; Schema: verify_v1; Owner: -
--

SELECT pg_catalog.setval('verify_v1.audit_event_id_seq', 1, true);


--
-- Name: claim_id_seq; Type: SEQUENCE SET; Schema: verify_v1; Owner: -
--

SELECT pg_catalog.setval('verify_v1.claim_id_seq', 12, true);


--
-- Name: evidence_link_id_seq; Type: SEQUENCE SET; Schema: verify_v1; Owner: -
--

SELECT pg_catalog.setval('verify_v1.evidence_link_id_seq', 16, true);


--
-- Name: passage_id_seq; Type: SEQUENCE SET; Schema: verify_v1; Owner: -
--

SELECT pg_catalog.setval('verify_v1.passage_id_seq', 2, true);


--
-- Name: source_id_seq; Type: SEQUENCE SET; Schema: verify_v1; Owner: -
--

SELECT pg_catalog.setval('verify_v1.source_id_seq', 2, true);


--
-- Name: verdict_id_seq; Type: SEQUENCE SET; Schema: verify_v1; Owner: -
--

SELECT pg_catalog.setval('verify_v1.verdict_id_seq', 1, true);


--
-- Name: article article_pkey; Type: CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.article
    ADD CONSTRAINT article_pkey PRIMARY KEY (id);


--
-- Name: audit_event audit_event_pkey; Type: CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.audit_event
    ADD CONSTRAINT audit_event_pkey PRIMARY KEY (id);


--
-- Name: claim claim_pkey; Type: CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.claim
    ADD CONSTRAINT claim_pkey PRIMARY KEY (id);


--
-- Name: evidence_link evidence_link_pkey; Type: CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.evidence_link
    ADD CONSTRAINT evidence_link_pkey PRIMARY KEY (id);


--
-- Name: passage passage_pkey; Type: CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.passage
    ADD CONSTRAINT passage_pkey PRIMARY KEY (id);


--
-- Name: schema_info schema_info_pkey; Type: CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.schema_info
    ADD CONSTRAINT schema_info_pkey PRIMARY KEY (id);


--
-- Name: source source_pkey; Type: CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.source
    ADD CONSTRAINT source_pkey PRIMARY KEY (id);


--
-- Name: evidence_link uq_link_claim_passage; Type: CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.evidence_link
    ADD CONSTRAINT uq_link_claim_passage UNIQUE (claim_id, passage_id);


--
-- Name: verdict verdict_pkey; Type: CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.verdict
    ADD CONSTRAINT verdict_pkey PRIMARY KEY (id);


--
-- Name: ix_article_sha256; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE UNIQUE INDEX ix_article_sha256 ON verify_v1.article USING btree (sha256);


--
-- Name: ix_audit_event_at; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE INDEX ix_audit_event_at ON verify_v1.audit_event USING btree (at);


--
-- Name: ix_audit_event_claim_id; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE INDEX ix_audit_event_claim_id ON verify_v1.audit_event USING btree (claim_id);


--
-- Name: ix_audit_event_entity_id; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE INDEX ix_audit_event_entity_id ON verify_v1.audit_event USING btree (entity_id);


--
-- Name: ix_claim_article_ordinal; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE INDEX ix_claim_article_ordinal ON verify_v1.claim USING btree (article_id, ordinal);


--
-- Name: ix_claim_assigned_to; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE INDEX ix_claim_assigned_to ON verify_v1.claim USING btree (assigned_to);


--
-- Name: ix_claim_status; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE INDEX ix_claim_status ON verify_v1.claim USING btree (status);


--
-- Name: ix_evidence_link_claim_id; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE INDEX ix_evidence_link_claim_id ON verify_v1.evidence_link USING btree (claim_id);


--
-- Name: ix_evidence_link_passage_id; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE INDEX ix_evidence_link_passage_id ON verify_v1.evidence_link USING btree (passage_id);


--
-- Name: ix_passage_source_ordinal; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE INDEX ix_passage_source_ordinal ON verify_v1.passage USING btree (source_id, ordinal);


--
-- Name: ix_passage_tsv; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE INDEX ix_passage_tsv ON verify_v1.passage USING gin (tsv);


--
-- Name: ix_source_external_id; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE INDEX ix_source_external_id ON verify_v1.source USING btree (external_id);


--
-- Name: ix_source_sha256; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE UNIQUE INDEX ix_source_sha256 ON verify_v1.source USING btree (sha256);


--
-- Name: ix_verdict_claim_id; Type: INDEX; Schema: verify_v1; Owner: -
--

CREATE INDEX ix_verdict_claim_id ON verify_v1.verdict USING btree (claim_id);


--
-- Name: passage passage_tsv_trigger; Type: TRIGGER; Schema: verify_v1; Owner: -
--

CREATE TRIGGER passage_tsv_trigger BEFORE INSERT OR UPDATE OF text ON verify_v1.passage FOR EACH ROW EXECUTE FUNCTION verify_v1.passage_tsv();


--
-- Name: claim claim_article_id_fkey; Type: FK CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.claim
    ADD CONSTRAINT claim_article_id_fkey FOREIGN KEY (article_id) REFERENCES verify_v1.article(id) ON DELETE CASCADE;


--
-- Name: evidence_link evidence_link_claim_id_fkey; Type: FK CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.evidence_link
    ADD CONSTRAINT evidence_link_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES verify_v1.claim(id) ON DELETE CASCADE;


--
-- Name: evidence_link evidence_link_passage_id_fkey; Type: FK CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.evidence_link
    ADD CONSTRAINT evidence_link_passage_id_fkey FOREIGN KEY (passage_id) REFERENCES verify_v1.passage(id) ON DELETE CASCADE;


--
-- Name: passage passage_source_id_fkey; Type: FK CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.passage
    ADD CONSTRAINT passage_source_id_fkey FOREIGN KEY (source_id) REFERENCES verify_v1.source(id) ON DELETE CASCADE;


--
-- Name: verdict verdict_claim_id_fkey; Type: FK CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.verdict
    ADD CONSTRAINT verdict_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES verify_v1.claim(id) ON DELETE CASCADE;


--
-- Name: verdict verdict_supersedes_id_fkey; Type: FK CONSTRAINT; Schema: verify_v1; Owner: -
--

ALTER TABLE ONLY verify_v1.verdict
    ADD CONSTRAINT verdict_supersedes_id_fkey FOREIGN KEY (supersedes_id) REFERENCES verify_v1.verdict(id);


--
-- PostgreSQL database dump complete
--

\unrestrict bStE7QnJ3T44Asi2XAZ0Vf4qmlqpETXYv8FL5vGaGlW6RPnBdc7kcnukgLffslZ

