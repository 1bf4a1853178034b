PROJECTS
project_id;cost
"1;5
VOTES
