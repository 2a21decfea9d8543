"""The original document's job definition examples, exactly as printed: not valid JSON."""

# The complete example of the original document (seed 000_9fa7e9c45ac01532.txt, "完整 JSON 範例"),
# copied with its typos: a missing comma after "str2", curly quotes and ';' in
# `"dbRef”; “db”`, and trailing commas.
ORIGINAL_EXAMPLE = """{ 
     "action": "TRAINING", 
     "model": { 
          "id": "str2"
          "name": "stream1.str"
     },
     "dbDefinitions":{
          "db":{        
                    "type":"DashDB",
                    "host":"dashdb-enterprise-yp-dal09-11.services.dal.bluemix.net",        
                    "port":50001,        
                    "db":"BLUDB", 
                    "username":"bluadmin",  
                    "password":"NmI4MDViMzBkNDUz", 
                    "options":"Security=SSL"      
               }
     },
     "setting": {          
          "inputs": [
                    {
                         "odbc": {
                                   "dbRef”; “db”,
                                   "table": "DRUG1N",
                         },
                         "node": "ScoreInput",
                         "attributes": []
                    }
          ],
          "parameterOverride": [
                    {
                        "name": "p1",
                        "value": "v1"
                    },
                    {
                        "name": "p2",
                        "value": "v2"
                    }
          ],
     }
}
"""  # noqa: W291  (the trailing spaces are the original's)
