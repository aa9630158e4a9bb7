/// The OpenAPI 3.1 document of the chain map API, served at `/api/openapi.json`.
enum OpenAPIDocument {
    static let json = #"""
{
 "openapi": "3.1.0",
 "info": {
  "title": "ChainGraph chain map API",
  "version": "0.2.0",
  "description": "The JSON API of `chaingraph serve` (SPEC §7). Read-only; row endpoints return exactly the rows of the CLI's `--format json`. Unknown parameters, repeated ones and bad values are 400 naming the parameter; unknown firm and segment ids are 404; a dataset without segments.csv answers 409 for analyses that need the chain tree."
 },
 "paths": {
  "/api/summary": {
   "get": {
    "summary": "Dataset summary (metric,value).",
    "parameters": [
     {
      "name": "top",
      "in": "query",
      "required": false,
      "description": "Only the first K rows (the CLI's --top; gaps: K per type, leaders: K per chain).",
      "schema": {
       "type": "integer",
       "minimum": 0
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "json (default: the CLI's --format json rows) or csv (the CLI's CSV, as a download).",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Rows exactly as the CLI's --format json prints them: an array of objects keyed by column name.",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "type": "object"
         }
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Equals `chaingraph summary --format json`."
   }
  },
  "/api/regions": {
   "get": {
    "summary": "Every region path of the dataset with its firm count (region,level,firms), for the region switcher.",
    "parameters": [
     {
      "name": "top",
      "in": "query",
      "required": false,
      "description": "Only the first K rows (the CLI's --top; gaps: K per type, leaders: K per chain).",
      "schema": {
       "type": "integer",
       "minimum": 0
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "json (default: the CLI's --format json rows) or csv (the CLI's CSV, as a download).",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Rows exactly as the CLI's --format json prints them: an array of objects keyed by column name.",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "type": "object"
         }
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/local-rate": {
   "get": {
    "summary": "Local supporting rate (本地配套率).",
    "parameters": [
     {
      "name": "by",
      "in": "query",
      "required": false,
      "description": "firm, segment (default), chain, region or leader.",
      "schema": {
       "type": "string",
       "enum": [
        "firm",
        "segment",
        "chain",
        "region",
        "leader"
       ]
      }
     },
     {
      "name": "local",
      "in": "query",
      "required": false,
      "description": "Region R as an analyst types it (湖北, 湖北省, 湖北/武汉, 武汉); default: the server's region.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "level",
      "in": "query",
      "required": false,
      "description": "Relative locality K (instead of local).",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     },
     {
      "name": "per_chain",
      "in": "query",
      "required": false,
      "description": "by=leader: leader candidates per chain (default 3).",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     },
     {
      "name": "top",
      "in": "query",
      "required": false,
      "description": "Only the first K rows (the CLI's --top; gaps: K per type, leaders: K per chain).",
      "schema": {
       "type": "integer",
       "minimum": 0
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "json (default: the CLI's --format json rows) or csv (the CLI's CSV, as a download).",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Rows exactly as the CLI's --format json prints them: an array of objects keyed by column name.",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "type": "object"
         }
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Equals `chaingraph local-rate --by BY (--local R | --level K) --format json`."
   }
  },
  "/api/gaps": {
   "get": {
    "summary": "Chain gaps: 空白环节, 缺失配套, 短板, 卡脖子, 长板 rows with candidates.",
    "parameters": [
     {
      "name": "local",
      "in": "query",
      "required": false,
      "description": "Region R as an analyst types it (湖北, 湖北省, 湖北/武汉, 武汉); default: the server's region.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "weak_below",
      "in": "query",
      "required": false,
      "description": "Weak threshold (default 0.5).",
      "schema": {
       "type": "number"
      }
     },
     {
      "name": "strong_above",
      "in": "query",
      "required": false,
      "description": "Strong threshold (default 0.8).",
      "schema": {
       "type": "number"
      }
     },
     {
      "name": "type",
      "in": "query",
      "required": false,
      "description": "Only rows of this type (repeatable).",
      "schema": {
       "type": "string",
       "enum": [
        "missing_segment",
        "missing_link",
        "weak_segment",
        "single_source",
        "strong_segment"
       ]
      }
     },
     {
      "name": "top",
      "in": "query",
      "required": false,
      "description": "Only the first K rows (the CLI's --top; gaps: K per type, leaders: K per chain).",
      "schema": {
       "type": "integer",
       "minimum": 0
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "json (default: the CLI's --format json rows) or csv (the CLI's CSV, as a download).",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Rows exactly as the CLI's --format json prints them: an array of objects keyed by column name.",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "type": "object"
         }
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Equals `chaingraph gaps --local R --format json`."
   }
  },
  "/api/leaders": {
   "get": {
    "summary": "Chain leader (链主) ranking per chain.",
    "parameters": [
     {
      "name": "local",
      "in": "query",
      "required": false,
      "description": "Only firms of R are candidates; the specialist flag is computed.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "per_chain",
      "in": "query",
      "required": false,
      "description": "Leader candidates per chain (default 3).",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     },
     {
      "name": "top",
      "in": "query",
      "required": false,
      "description": "Only the first K rows (the CLI's --top; gaps: K per type, leaders: K per chain).",
      "schema": {
       "type": "integer",
       "minimum": 0
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "json (default: the CLI's --format json rows) or csv (the CLI's CSV, as a download).",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Rows exactly as the CLI's --format json prints them: an array of objects keyed by column name.",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "type": "object"
         }
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Equals `chaingraph leaders [--local R] --per-chain K --format json`."
   }
  },
  "/api/centrality": {
   "get": {
    "summary": "Centrality of every firm with default options.",
    "parameters": [
     {
      "name": "measure",
      "in": "query",
      "required": true,
      "description": "degree, pagerank, katz, hits, eigenvector, betweenness, closeness or harmonic.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "top",
      "in": "query",
      "required": false,
      "description": "Only the first K rows (the CLI's --top; gaps: K per type, leaders: K per chain).",
      "schema": {
       "type": "integer",
       "minimum": 0
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "json (default: the CLI's --format json rows) or csv (the CLI's CSV, as a download).",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Rows exactly as the CLI's --format json prints them: an array of objects keyed by column name.",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "type": "object"
         }
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Equals `chaingraph centrality --measure M --format json`."
   }
  },
  "/api/whatif": {
   "get": {
    "summary": "招商 what-if: a local plant modelled on outside firm F (SPEC §3.7).",
    "parameters": [
     {
      "name": "local",
      "in": "query",
      "required": false,
      "description": "Region R as an analyst types it (湖北, 湖北省, 湖北/武汉, 武汉); default: the server's region.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "attract",
      "in": "query",
      "required": true,
      "description": "The outside firm F.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "capacity",
      "in": "query",
      "required": false,
      "description": "The plant's capacity (default: F's total sales).",
      "schema": {
       "type": "number",
       "minimum": 0
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "json (default: the CLI's --format json rows) or csv (the CLI's CSV, as a download).",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Rows exactly as the CLI's --format json prints them: an array of objects keyed by column name.",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "type": "object"
         }
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Equals `chaingraph whatif --local R --attract F --format json`."
   }
  },
  "/api/tree": {
   "get": {
    "summary": "The chain trees with each segment's local status, local share and local firms, the status colours, and coverage per chain.",
    "parameters": [
     {
      "name": "local",
      "in": "query",
      "required": false,
      "description": "Region R as an analyst types it (湖北, 湖北省, 湖北/武汉, 武汉); default: the server's region.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "{region, statuses: [{status, fill, stroke, zh, en}], coverage: rows of `chaingraph coverage`, chains: [{chain, segments: [{id, name, parent, depth, is_leaf, status, local_share, local_firms}]}]}",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/segments/{id}": {
   "get": {
    "summary": "Segment view: segment, local_rate (its row of local-rate --by segment), firms having it or a segment below it, gaps (its gap rows), candidates (its rows of whatif --rank).",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "Segment id.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "local",
      "in": "query",
      "required": false,
      "description": "Region R as an analyst types it (湖北, 湖北省, 湖北/武汉, 武汉); default: the server's region.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "part",
      "in": "query",
      "required": false,
      "description": "One table of the view (with format=csv for a download).",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "json (default: the CLI's --format json rows) or csv (the CLI's CSV, as a download).",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "An object whose members are row arrays (the CLI's JSON rows of each table).",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "additionalProperties": {
          "type": "array",
          "items": {
           "type": "object"
          }
         }
        }
       }
      }
     },
     "400": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/firms/{id}": {
   "get": {
    "summary": "Firm view: firm, local_rate (its row of local-rate --by firm), neighbours (suppliers then buyers, local or not), leaders (its leader-score rows).",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "Firm id.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "local",
      "in": "query",
      "required": false,
      "description": "Region R as an analyst types it (湖北, 湖北省, 湖北/武汉, 武汉); default: the server's region.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "part",
      "in": "query",
      "required": false,
      "description": "One table of the view (with format=csv for a download).",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "json (default: the CLI's --format json rows) or csv (the CLI's CSV, as a download).",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "An object whose members are row arrays (the CLI's JSON rows of each table).",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "additionalProperties": {
          "type": "array",
          "items": {
           "type": "object"
          }
         }
        }
       }
      }
     },
     "400": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/search": {
   "get": {
    "summary": "Firms whose id or name contains q: exact id, then id prefix, then others.",
    "parameters": [
     {
      "name": "q",
      "in": "query",
      "required": true,
      "description": "Text to find.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "description": "At most this many rows (default 50).",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 1000
      }
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "json (default: the CLI's --format json rows) or csv (the CLI's CSV, as a download).",
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Rows exactly as the CLI's --format json prints them: an array of objects keyed by column name.",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "type": "object"
         }
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Error: {\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/openapi.json": {
   "get": {
    "summary": "This document.",
    "responses": {
     "200": {
      "description": "OpenAPI 3.1",
      "content": {
       "application/json": {}
      }
     }
    }
   }
  }
 },
 "components": {
  "schemas": {
   "Error": {
    "type": "object",
    "required": [
     "error",
     "status"
    ],
    "properties": {
     "error": {
      "type": "string"
     },
     "parameter": {
      "type": [
       "string",
       "null"
      ]
     },
     "status": {
      "type": "integer"
     }
    }
   }
  }
 }
}
"""# + "\n"
}
