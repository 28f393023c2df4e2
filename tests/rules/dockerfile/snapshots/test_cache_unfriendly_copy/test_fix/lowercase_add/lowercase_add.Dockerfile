from python:3.12
workdir /app
copy requirements/base.txt /app/requirements/
run pip install -r requirements/base.txt
add . /app
